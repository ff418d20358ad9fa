import { patFor } from '../support/dev-idp-tokens.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';

describe('/api/v1/pats', () => {
  let db: TestDatabase;
  let platform: RunningTestApp;
  let ada: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startTestApp(db.url, { KICI_PAT_MAX_TTL_DAYS: '365' });
    ada = (await patFor(platform, 'ada@example.com')).token;
  });

  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  const pats = (token: string, init: RequestInit = {}, suffix = ''): Promise<Response> =>
    fetch(`${platform.origin}/api/v1/pats${suffix}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
  const create = (token: string, body: unknown): Promise<Response> => pats(token, { method: 'POST', body: JSON.stringify(body) });

  it('creates a token as `kici pat create` asks, shown once', async () => {
    const response = await create(ada, { name: 'ci', kind: 'user', expiresInDays: 30 });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; token: string; name: string; expiresAt: string };
    expect(Object.keys(created).sort()).toEqual(['expiresAt', 'id', 'name', 'token']);
    expect(Math.round((Date.parse(created.expiresAt) - Date.now()) / 86_400_000)).toBe(30);

    const listed = (await (await pats(ada)).json()) as { pats: Record<string, unknown>[] };
    const entry = listed.pats.find((pat) => pat.id === created.id)!;
    expect(entry).toMatchObject({ name: 'ci', kind: 'user', prefix: created.token.slice(0, 16), expired: false, lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(JSON.stringify(listed)).not.toMatch(/[0-9a-f]{64}/);

    const [stored] = await db.query<{ token_hash: string }>('SELECT token_hash FROM personal_access_tokens WHERE id = $1', [created.id]);
    expect(stored!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await db.query('SELECT * FROM personal_access_tokens'))).not.toContain(created.token);
  });

  it('records when a token was last used', async () => {
    const { id, token } = await patFor(platform, 'ada@example.com', 'usage');
    await pats(token);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [row] = await db.query<{ last_used_at: Date | null }>('SELECT last_used_at FROM personal_access_tokens WHERE id = $1', [id]);
    expect(row!.last_used_at).toBeInstanceOf(Date);
  });

  it('creates agent tokens with their label, which cannot mint tokens themselves', async () => {
    const response = await create(ada, { name: 'claude', kind: 'agent', agentLabel: 'claude-code' });
    expect(response.status).toBe(201);
    const agent = (await response.json()) as { token: string };
    const profile = await fetch(`${platform.origin}/api/v1/user`, { headers: { authorization: `Bearer ${agent.token}` } });
    expect(await profile.json()).toMatchObject({ credential: { kind: 'pat', agentLabel: 'claude-code' } });
    const minted = await create(agent.token, { name: 'escalate' });
    expect(minted.status).toBe(403);
    expect(await minted.json()).toMatchObject({ code: 'TOKENS.AGENT_CANNOT_MINT' });
  });

  it('keeps scopes as a permission matrix', async () => {
    const response = await create(ada, { name: 'read-only', scopes: { runs: 'read', secrets: 'none' } });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const [row] = await db.query<{ scopes: unknown }>('SELECT scopes FROM personal_access_tokens WHERE id = $1', [id]);
    expect(row!.scopes).toEqual({ runs: 'read', secrets: 'none' });
  });

  it.each([
    ['expiresInDays 0', { name: 'x', expiresInDays: 0 }, 'expiresInDays'],
    ['negative expiresInDays', { name: 'x', expiresInDays: -3 }, 'expiresInDays'],
    ['expiresInDays over the maximum', { name: 'x', expiresInDays: 366 }, 'expiresInDays'],
    ['fractional expiresInDays', { name: 'x', expiresInDays: 1.5 }, 'expiresInDays'],
    ['a name over 100 characters', { name: 'n'.repeat(101) }, 'name'],
    ['an empty name', { name: '   ' }, 'name'],
    ['an unknown kind', { name: 'x', kind: 'robot' }, 'kind'],
    ['an agent without a label', { name: 'x', kind: 'agent' }, 'agentLabel'],
    ['an unknown field', { name: 'x', admin: true }, 'body'],
    ['an unknown resource in scopes', { name: 'x', scopes: { everything: 'admin' } }, 'scopes'],
    ['an unknown level in scopes', { name: 'x', scopes: { runs: 'owner' } }, 'scopes'],
  ])('answers %s with 400', async (_label, body, field) => {
    const response = await create(ada, body);
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { code: string; fields: { path: string }[] };
    expect(answer.code).toBe('HTTP.VALIDATION_FAILED');
    expect(answer.fields.some((problem) => problem.path.startsWith(field) || field === 'body')).toBe(true);
  });

  it('answers a missing body with 400', async () => {
    const response = await pats(ada, { method: 'POST' });
    expect(response.status).toBe(400);
  });

  it("answers someone else's token, a missing one and a malformed id alike with 404", async () => {
    const grace = await patFor(platform, 'grace@example.com');
    for (const id of [grace.id, '01a22222-2222-7222-8222-222222222222', 'not-a-uuid']) {
      const response = await pats(ada, { method: 'DELETE' }, `/${id}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'TOKENS.PAT_NOT_FOUND' });
    }
    expect((await fetch(`${platform.origin}/api/v1/user`, { headers: { authorization: `Bearer ${grace.token}` } })).status).toBe(200);
  });

  it('revokes idempotently with one audit row', async () => {
    const { id, token } = await patFor(platform, 'ada@example.com', 'twice');
    expect((await pats(ada, { method: 'DELETE' }, `/${id}`)).status).toBe(204);
    expect((await pats(ada, { method: 'DELETE' }, `/${id}`)).status).toBe(204);
    const rows = await db.query("SELECT 1 FROM audit_events WHERE action = 'pat.revoke' AND target_id = $1", [id]);
    expect(rows).toHaveLength(1);
    expect((await pats(token)).status).toBe(401);
    const listed = (await (await pats(ada)).json()) as { pats: { id: string }[] };
    expect(listed.pats.map((pat) => pat.id)).not.toContain(id);
  });
});
