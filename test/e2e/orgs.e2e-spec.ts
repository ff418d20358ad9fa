import { patFor } from '../support/dev-idp-tokens.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';

describe('organizations and the organization context', () => {
  let db: TestDatabase;
  let platform: RunningTestApp;
  let owner: string;
  let outsider: string;
  let orgId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startTestApp(db.url);
    owner = (await patFor(platform, 'owner@example.com')).token;
    outsider = (await patFor(platform, 'outsider@example.com')).token;
  });

  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  const call = (token: string, method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${platform.origin}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  /** Makes `email` a member of `org` holding its built-in Member role (membership routes come later). */
  async function addMember(org: string, email: string): Promise<string> {
    const { token } = await patFor(platform, email);
    await db.query(
      'INSERT INTO org_members (org_id, user_id, joined_at) SELECT $1::varchar, id, now() FROM users WHERE email = $2',
      [org, email],
    );
    await db.query(
      `INSERT INTO role_assignments (org_id, user_id, role_id, created_at)
       SELECT $1::varchar, u.id, r.id, now() FROM users u, roles r WHERE u.email = $2 AND r.org_id = $1::varchar AND r.name = 'Member'`,
      [org, email],
    );
    return token;
  }

  it('creates an organization with the caller as Owner, and lists it', async () => {
    const response = await call(owner, 'POST', '/orgs', { name: 'Acme CI' });
    expect(response.status).toBe(201);
    const org = (await response.json()) as { id: string; displayName: string; publicAlias: string; isPersonal: boolean };
    expect(org).toMatchObject({ id: expect.stringMatching(/^org_[0-9a-z]{12}$/), displayName: 'Acme CI', slug: 'acme-ci', isPersonal: false });
    orgId = org.id;
    const { orgs } = (await (await call(owner, 'GET', '/orgs')).json()) as { orgs: { id: string; isOwner: boolean }[] };
    expect(orgs).toEqual(expect.arrayContaining([expect.objectContaining({ id: orgId, isOwner: true, role: 'Owner' })]));
    const audit = await db.query("SELECT 1 FROM audit_events WHERE chain_key = $1 AND action = 'org.create'", [orgId]);
    expect(audit).toHaveLength(1);
  });

  it('shows a member the organization and their permissions', async () => {
    const response = await call(owner, 'GET', `/orgs/${orgId}`);
    expect(response.status).toBe(200);
    const detail = (await response.json()) as { isOwner: boolean; permissions: Record<string, string> };
    expect(detail.isOwner).toBe(true);
    expect(detail.permissions.members).toBe('admin');
  });

  it('answers a non-member, an unknown id and a malformed id with the same 403', async () => {
    for (const id of [orgId, 'org_000000000000', 'not-an-org', '..%2F..%2Fetc']) {
      const response = await call(outsider, 'GET', `/orgs/${id}`);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: 'Not a member of this organization', code: 'ORGS.NOT_MEMBER' });
    }
  });

  it('names the missing permission to a member below the route level', async () => {
    const member = await addMember(orgId, 'member@example.com');
    expect((await call(member, 'GET', `/orgs/${orgId}`)).status).toBe(200);
    const response = await call(member, 'PATCH', `/orgs/${orgId}`, { displayName: 'Hijacked' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'Insufficient permission: org_settings.admin needed', code: 'RBAC.FORBIDDEN' });
  });

  it('caps an Owner by the scopes of the PAT used', async () => {
    const scoped = await call(owner, 'POST', '/pats', { name: 'read-only', scopes: { org_settings: 'read' } });
    const { token } = (await scoped.json()) as { token: string };
    const detail = (await (await call(token, 'GET', `/orgs/${orgId}`)).json()) as { permissions: Record<string, string> };
    expect(detail.permissions).toMatchObject({ org_settings: 'read', members: 'none', runs: 'none' });
    const response = await call(token, 'PATCH', `/orgs/${orgId}`, { displayName: 'Renamed by a scoped token' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'Insufficient permission: org_settings.admin needed' });
  });

  it('renames with org_settings:admin and audits the change', async () => {
    // Read first, so the summary is in the cache the rename must correct.
    expect(await (await call(owner, 'GET', `/orgs/${orgId}`)).json()).toMatchObject({ displayName: 'Acme CI' });
    const response = await call(owner, 'PATCH', `/orgs/${orgId}`, { displayName: 'Acme Builds' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ displayName: 'Acme Builds', slug: 'acme-ci' }); // links keep working
    expect(await (await call(owner, 'GET', `/orgs/${orgId}`)).json()).toMatchObject({ displayName: 'Acme Builds' });
    const [row] = await db.query<{ payload: unknown }>("SELECT payload FROM audit_events WHERE chain_key = $1 AND action = 'org.rename'", [orgId]);
    expect(row!.payload).toEqual({ changes: [{ field: 'displayName', old: 'Acme CI', new: 'Acme Builds' }] });
  });

  it('gives every organization a unique slug, also when created at the same moment', async () => {
    const responses = await Promise.all(Array.from({ length: 4 }, () => call(owner, 'POST', '/orgs', { name: 'Twin Café' })));
    const slugs = await Promise.all(responses.map(async (response) => ((await response.json()) as { slug: string }).slug));
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201]);
    expect(slugs.sort()).toEqual(['twin-cafe', 'twin-cafe-2', 'twin-cafe-3', 'twin-cafe-4']);
  });

  it('validates names', async () => {
    expect((await call(owner, 'POST', '/orgs', { name: '' })).status).toBe(400);
    expect((await call(owner, 'POST', '/orgs', { name: 'x'.repeat(101) })).status).toBe(400);
    expect((await call(owner, 'PATCH', `/orgs/${orgId}`, { displayName: 'ok', plan: 'enterprise' })).status).toBe(400);
  });

  it('refuses members of a suspended membership', async () => {
    const member = await addMember(orgId, 'suspended@example.com');
    await db.query("UPDATE org_members SET suspended_at = now() WHERE user_id = (SELECT id FROM users WHERE email = 'suspended@example.com')");
    const response = await call(member, 'GET', `/orgs/${orgId}`);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'ORGS.MEMBER_SUSPENDED' });
  });

  it('lets only an Owner disable, after which every organization route answers 403', async () => {
    const member = await addMember(orgId, 'admin-ish@example.com');
    await db.query(
      `INSERT INTO roles (id, org_id, name, permissions, created_at, updated_at)
       VALUES ('01a22222-2222-7222-8222-00000000000a', $1, 'Settings admin', '{"org_settings":"admin"}', now(), now())`,
      [orgId],
    );
    await db.query(
      `INSERT INTO role_assignments (org_id, user_id, role_id, created_at)
       SELECT $1::varchar, id, '01a22222-2222-7222-8222-00000000000a', now() FROM users WHERE email = 'admin-ish@example.com'`,
      [orgId],
    );
    const refused = await call(member, 'POST', `/orgs/${orgId}/disable`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'ORGS.OWNER_REQUIRED' });

    expect((await call(owner, 'POST', `/orgs/${orgId}/disable`)).status).toBe(204);
    for (const [method, path] of [['GET', `/orgs/${orgId}`], ['PATCH', `/orgs/${orgId}`]] as const) {
      const response = await call(owner, method, path, method === 'PATCH' ? { displayName: 'x' } : undefined);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: 'This organization is disabled', code: 'ORGS.DISABLED', disabledAt: expect.any(String) });
    }
    const { orgs } = (await (await call(owner, 'GET', '/user/orgs')).json()) as { orgs: { id: string }[] };
    expect(orgs.map((org) => org.id)).toContain(orgId);
  });
});
