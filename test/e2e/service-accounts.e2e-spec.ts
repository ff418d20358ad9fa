import { apiCaller, createOrg, join, roleId, signIn, type TestUser } from '../support/org-fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';

describe('service accounts and their keys (kici_sa_)', () => {
  let db: TestDatabase;
  let platform: RunningTestApp;
  let call: ReturnType<typeof apiCaller>;
  let owner: TestUser;
  let orgId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startTestApp(db.url);
    call = apiCaller(platform);
    owner = await signIn(platform, 'owner@example.com');
    orgId = await createOrg(platform, owner, 'Robots Inc');
  });

  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  async function serviceAccount(name: string, roleNames: string[]): Promise<{ id: string; key: string; keyId: string }> {
    const roleIds = await Promise.all(roleNames.map((role) => roleId(platform, owner, orgId, role)));
    const created = await call(owner.token, 'POST', `/orgs/${orgId}/service-accounts`, { name, roleIds });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const minted = await call(owner.token, 'POST', `/orgs/${orgId}/service-accounts/${id}/keys`);
    expect(minted.status).toBe(201);
    const { key, id: keyId } = (await minted.json()) as { key: string; id: string };
    return { id, key, keyId };
  }

  it('acts with the roles given to it, only in its organization, never on user routes', async () => {
    const robot = await serviceAccount('deploy-bot', ['Member']);
    expect(robot.key).toMatch(/^kici_sa_/);
    expect((await call(robot.key, 'GET', `/orgs/${orgId}/members`)).status).toBe(200);
    const write = await call(robot.key, 'PATCH', `/orgs/${orgId}`, { displayName: 'x' });
    expect(write.status).toBe(403);
    const other = await createOrg(platform, owner, 'Not the robot’s');
    expect((await call(robot.key, 'GET', `/orgs/${other}`)).status).toBe(403);
    expect((await call(robot.key, 'GET', '/user/orgs')).status).toBe(403);
  });

  it('lists accounts with roles and key prefixes, never secrets', async () => {
    const robot = await serviceAccount('lister', ['Member']);
    const text = await (await call(owner.token, 'GET', `/orgs/${orgId}/service-accounts`)).text();
    const { serviceAccounts } = JSON.parse(text) as { serviceAccounts: { id: string; roles: { name: string }[]; keys: { prefix: string }[] }[] };
    const listed = serviceAccounts.find((account) => account.id === robot.id)!;
    expect(listed.roles.map((role) => role.name)).toEqual(['Member']);
    expect(listed.keys.map((key) => key.prefix)).toEqual([robot.key.slice(0, 16)]);
    expect(text).not.toContain(robot.key);
  });

  it('cannot hold the Owner role, and a non-Owner cannot give it more than they hold', async () => {
    const robot = await serviceAccount('ambitious', []);
    const ownerRole = await roleId(platform, owner, orgId, 'Owner');
    expect((await call(owner.token, 'PUT', `/orgs/${orgId}/service-accounts/${robot.id}/roles/${ownerRole}`)).status).toBe(403);

    const keeper = await join(platform, orgId, owner, 'keeper@example.com');
    const keeperRole = (await (await call(owner.token, 'POST', `/orgs/${orgId}/roles`, { name: 'Key keeper', permissions: { api_keys: 'admin' } })).json()) as { id: string };
    await call(owner.token, 'PUT', `/orgs/${orgId}/members/${keeper.userId}/roles/${keeperRole.id}`);
    const strong = (await (await call(owner.token, 'POST', `/orgs/${orgId}/roles`, { name: 'Strong', permissions: { secrets: 'admin' } })).json()) as { id: string };
    const refused = await call(keeper.token, 'PUT', `/orgs/${orgId}/service-accounts/${robot.id}/roles/${strong.id}`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'Cannot grant more than you hold: secrets.admin' });
  });

  it('is the actor of what it does', async () => {
    const robot = await serviceAccount('role-bot', []);
    const roleMaker = (await (await call(owner.token, 'POST', `/orgs/${orgId}/roles`, { name: 'Role maker', permissions: { members: 'admin' } })).json()) as { id: string };
    await call(owner.token, 'PUT', `/orgs/${orgId}/service-accounts/${robot.id}/roles/${roleMaker.id}`);
    const created = await call(robot.key, 'POST', `/orgs/${orgId}/roles`, { name: 'Robot made', permissions: {} });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const [row] = await db.query<{ actor_type: string; actor_id: string }>("SELECT actor_type, actor_id FROM audit_events WHERE action = 'role.create' AND target_id = $1", [id]);
    expect(row).toEqual({ actor_type: 'service_account', actor_id: robot.id });
  });

  it('stops working when its key is revoked or the account is deleted', async () => {
    const robot = await serviceAccount('short-lived', ['Member']);
    const spare = (await (await call(owner.token, 'POST', `/orgs/${orgId}/service-accounts/${robot.id}/keys`)).json()) as { key: string };
    expect((await call(owner.token, 'DELETE', `/orgs/${orgId}/service-accounts/${robot.id}/keys/${robot.keyId}`)).status).toBe(204);
    expect((await call(robot.key, 'GET', `/orgs/${orgId}`)).status).toBe(401);
    expect((await call(spare.key, 'GET', `/orgs/${orgId}`)).status).toBe(200);
    expect((await call(owner.token, 'DELETE', `/orgs/${orgId}/service-accounts/${robot.id}`)).status).toBe(204);
    expect((await call(spare.key, 'GET', `/orgs/${orgId}`)).status).toBe(401);
    const actions = await db.query<{ action: string }>('SELECT action FROM audit_events WHERE target_id = $1 ORDER BY seq', [robot.id]);
    expect(actions.map((row) => row.action)).toEqual([
      'service_account.create',
      'service_account.key.create',
      'service_account.key.create',
      'service_account.key.revoke',
      'service_account.delete',
    ]);
  });

  it('refuses duplicate names and foreign roles', async () => {
    await serviceAccount('unique-bot', []);
    expect((await call(owner.token, 'POST', `/orgs/${orgId}/service-accounts`, { name: 'unique-bot' })).status).toBe(409);
    const stranger = await signIn(platform, 'stranger@example.com');
    const theirOrg = await createOrg(platform, stranger, 'Theirs');
    const foreign = await roleId(platform, stranger, theirOrg, 'Member');
    const response = await call(owner.token, 'POST', `/orgs/${orgId}/service-accounts`, { name: 'foreign-bot', roleIds: [foreign] });
    expect(response.status).toBe(404);
    expect((await db.query("SELECT 1 FROM service_accounts WHERE name = 'foreign-bot'")).length).toBe(0);
  });
});
