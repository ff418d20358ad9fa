import { patFor } from '../support/dev-idp-tokens.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';

/** Two Platform replicas on one database: a PAT revoked through one is refused by the other at once. */
describe('revocation across replicas', () => {
  let db: TestDatabase;
  let first: RunningTestApp;
  let second: RunningTestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    first = await startTestApp(db.url);
    second = await startTestApp(db.url, { KICI_OIDC_ISSUER: `${first.origin}/oidc` });
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
    await db?.drop();
  });

  const get = (replica: RunningTestApp, token: string): Promise<Response> =>
    fetch(`${replica.origin}/api/v1/user/orgs`, { headers: { authorization: `Bearer ${token}` } });

  it('refuses the PAT on the other replica on the very next request', async () => {
    const { id, token } = await patFor(first, 'ops@example.com');
    expect((await get(second, token)).status).toBe(200);
    const revoked = await fetch(`${first.origin}/api/v1/pats/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(revoked.status).toBe(204);
    expect((await get(second, token)).status).toBe(401);
  });

  it('refuses an expired PAT on every replica', async () => {
    const { id, token } = await patFor(first, 'ops@example.com', 'second-machine');
    expect((await get(second, token)).status).toBe(200);
    await db.query("UPDATE personal_access_tokens SET expires_at = now() WHERE id = $1", [id]);
    const response = await get(second, token);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'Personal access token has expired' });
  });
});
