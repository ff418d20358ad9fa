import { Agent, request } from 'node:http';
import { patFor } from '../support/dev-idp-tokens.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** The client-side port of the connection that carried it: the same port means the same connection. */
  readonly connection: number;
}

/**
 * A keep-alive connection remembers the header it last authenticated with (`ConnectionCredentialMemo`).
 * These requests all go over one connection, as a CLI's or a dashboard's do, to show that what it
 * remembers never outlives a revocation nor answers for another header.
 */
describe('a credential reused on one keep-alive connection', () => {
  let db: TestDatabase;
  let platform: RunningTestApp;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startTestApp(db.url);
  });

  afterAll(async () => {
    agent.destroy();
    await platform?.close();
    await db?.drop();
  });

  const send = (method: string, path: string, token: string): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const outgoing = request(`${platform.origin}${path}`, { method, agent, headers: { authorization: `Bearer ${token}` } }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: incoming.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, connection: outgoing.socket!.localPort! });
        });
      });
      outgoing.on('error', reject);
      outgoing.end();
    });

  it('refuses a PAT on the very connection that used it, as soon as it is revoked', async () => {
    const { id, token } = await patFor(platform, 'ada@example.com', 'revoked-on-this-connection');
    const first = await send('GET', '/api/v1/user', token);
    const second = await send('GET', '/api/v1/user', token);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.connection).toBe(first.connection);

    expect((await send('DELETE', `/api/v1/pats/${id}`, token)).status).toBe(204);
    const after = await send('GET', '/api/v1/user', token);
    expect(after.connection).toBe(first.connection);
    expect(after.status).toBe(401);
  });

  it('answers each request of a shared connection as the caller whose header it carries', async () => {
    const ada = await patFor(platform, 'ada@example.com', 'shared-connection');
    const grace = await patFor(platform, 'grace@example.com', 'shared-connection');
    const answers = [];
    for (const token of [ada.token, grace.token, grace.token, ada.token, ada.token, grace.token]) answers.push(await send('GET', '/api/v1/user', token));
    expect(new Set(answers.map((answer) => answer.connection)).size).toBe(1);
    expect(answers.map((answer) => answer.body.email)).toEqual([
      'ada@example.com',
      'grace@example.com',
      'grace@example.com',
      'ada@example.com',
      'ada@example.com',
      'grace@example.com',
    ]);
  });

  it('refuses a token differing in one character from the one this connection just used', async () => {
    const { token } = await patFor(platform, 'ada@example.com', 'one-character-off');
    const accepted = await send('GET', '/api/v1/user', token);
    expect(accepted.status).toBe(200);
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const refused = await send('GET', '/api/v1/user', forged);
    expect(refused.connection).toBe(accepted.connection);
    expect(refused.status).toBe(401);
    expect((await send('GET', '/api/v1/user', token)).status).toBe(200);
  });
});
