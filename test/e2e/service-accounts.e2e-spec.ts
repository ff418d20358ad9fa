import { apiCaller, createOrg, join, roleId, signIn, type TestUser } from '../support/org-fixture.js';
import { orgSuite } from '../support/suites.js';
import { auditSealed } from '../support/audit-sealing.js';

describe('service accounts and their keys (kici_sa_)', () => {
  const suite = orgSuite('Robots Inc');

  async function serviceAccount(name: string, roleNames: string[]): Promise<{ id: string; key: string; keyId: string }> {
    const roleIds = await Promise.all(roleNames.map((role) => roleId(suite.platform, suite.owner, suite.orgId, role)));
    const created = await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/service-accounts`, { name, roleIds });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const minted = await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/service-accounts/${id}/keys`);
    expect(minted.status).toBe(201);
    const { key, id: keyId } = (await minted.json()) as { key: string; id: string };
    return { id, key, keyId };
  }

  it('acts with the roles given to it, only in its organization, never on user routes', async () => {
    const robot = await serviceAccount('deploy-bot', ['Member']);
    expect(robot.key).toMatch(/^kici_sa_/);
    expect((await suite.call(robot.key, 'GET', `/orgs/${suite.orgId}/members`)).status).toBe(200);
    const write = await suite.call(robot.key, 'PATCH', `/orgs/${suite.orgId}`, { displayName: 'x' });
    expect(write.status).toBe(403);
    const other = await createOrg(suite.platform, suite.owner, 'Not the robot’s');
    expect((await suite.call(robot.key, 'GET', `/orgs/${other}`)).status).toBe(403);
    expect((await suite.call(robot.key, 'GET', '/user/orgs')).status).toBe(403);
  });

  it('lists accounts with roles and key prefixes, never secrets', async () => {
    const robot = await serviceAccount('lister', ['Member']);
    const text = await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/service-accounts`)).text();
    const { serviceAccounts } = JSON.parse(text) as { serviceAccounts: { id: string; roles: { name: string }[]; keys: { prefix: string }[] }[] };
    const listed = serviceAccounts.find((account) => account.id === robot.id)!;
    expect(listed.roles.map((role) => role.name)).toEqual(['Member']);
    expect(listed.keys.map((key) => key.prefix)).toEqual([robot.key.slice(0, 16)]);
    expect(text).not.toContain(robot.key);
  });

  it('cannot hold the Owner role, and a non-Owner cannot give it more than they hold', async () => {
    const robot = await serviceAccount('ambitious', []);
    const ownerRole = await roleId(suite.platform, suite.owner, suite.orgId, 'Owner');
    expect((await suite.call(suite.owner.token, 'PUT', `/orgs/${suite.orgId}/service-accounts/${robot.id}/roles/${ownerRole}`)).status).toBe(403);

    const keeper = await join(suite.platform, suite.orgId, suite.owner, 'keeper@example.com');
    const keeperRole = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/roles`, { name: 'Key keeper', permissions: { api_keys: 'admin' } })).json()) as { id: string };
    await suite.call(suite.owner.token, 'PUT', `/orgs/${suite.orgId}/members/${keeper.userId}/roles/${keeperRole.id}`);
    const strong = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/roles`, { name: 'Strong', permissions: { secrets: 'admin' } })).json()) as { id: string };
    const refused = await suite.call(keeper.token, 'PUT', `/orgs/${suite.orgId}/service-accounts/${robot.id}/roles/${strong.id}`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'Cannot grant more than you hold: secrets.admin' });
  });

  it('is the actor of what it does', async () => {
    const robot = await serviceAccount('role-bot', []);
    const roleMaker = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/roles`, { name: 'Role maker', permissions: { members: 'admin' } })).json()) as { id: string };
    await suite.call(suite.owner.token, 'PUT', `/orgs/${suite.orgId}/service-accounts/${robot.id}/roles/${roleMaker.id}`);
    const created = await suite.call(robot.key, 'POST', `/orgs/${suite.orgId}/roles`, { name: 'Robot made', permissions: {} });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const [row] = await suite.db.query<{ actor_type: string; actor_id: string }>("SELECT actor_type, actor_id FROM audit_events WHERE action = 'role.create' AND target_id = $1", [id]);
    expect(row).toEqual({ actor_type: 'service_account', actor_id: robot.id });
  });

  it('stops working when its key is revoked or the account is deleted', async () => {
    const robot = await serviceAccount('short-lived', ['Member']);
    const spare = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/service-accounts/${robot.id}/keys`)).json()) as { key: string };
    expect((await suite.call(suite.owner.token, 'DELETE', `/orgs/${suite.orgId}/service-accounts/${robot.id}/keys/${robot.keyId}`)).status).toBe(204);
    expect((await suite.call(robot.key, 'GET', `/orgs/${suite.orgId}`)).status).toBe(401);
    expect((await suite.call(spare.key, 'GET', `/orgs/${suite.orgId}`)).status).toBe(200);
    expect((await suite.call(suite.owner.token, 'DELETE', `/orgs/${suite.orgId}/service-accounts/${robot.id}`)).status).toBe(204);
    expect((await suite.call(spare.key, 'GET', `/orgs/${suite.orgId}`)).status).toBe(401);
    await auditSealed(suite.db);
    const actions = await suite.db.query<{ action: string }>('SELECT action FROM audit_events WHERE target_id = $1 ORDER BY seq', [robot.id]);
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
    expect((await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/service-accounts`, { name: 'unique-bot' })).status).toBe(409);
    const stranger = await signIn(suite.platform, 'stranger@example.com');
    const theirOrg = await createOrg(suite.platform, stranger, 'Theirs');
    const foreign = await roleId(suite.platform, stranger, theirOrg, 'Member');
    const response = await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/service-accounts`, { name: 'foreign-bot', roleIds: [foreign] });
    expect(response.status).toBe(404);
    expect((await suite.db.query("SELECT 1 FROM service_accounts WHERE name = 'foreign-bot'")).length).toBe(0);
  });

  it('renames and re-describes an account, auditing only real changes, refusing taken names and bad bodies', async () => {
    const robot = await serviceAccount('renamed-bot', []);
    await serviceAccount('taken-bot', []);
    const path = `/orgs/${suite.orgId}/service-accounts/${robot.id}`;
    const renamed = await suite.call(suite.owner.token, 'PATCH', path, { name: 'release-bot', description: 'ships releases' });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toEqual({ id: robot.id, name: 'release-bot', description: 'ships releases' });
    expect((await suite.call(suite.owner.token, 'PATCH', path, { name: 'release-bot' })).status).toBe(200);
    const audited = await suite.db.query<{ payload: { changes: { field: string; old: unknown; new: unknown }[] } }>(
      "SELECT payload FROM audit_events WHERE action = 'service_account.update' AND target_id = $1",
      [robot.id],
    );
    expect(audited).toEqual([{ payload: { changes: [{ field: 'name', old: 'renamed-bot', new: 'release-bot' }, { field: 'description', old: null, new: 'ships releases' }] } }]);

    const taken = await suite.call(suite.owner.token, 'PATCH', path, { name: 'taken-bot' });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ code: 'TOKENS.SERVICE_ACCOUNT_NAME_TAKEN' });
    for (const body of [{}, { name: '' }, { name: 'x', owner: true }]) expect((await suite.call(suite.owner.token, 'PATCH', path, body)).status).toBe(400);
    expect((await suite.call(suite.owner.token, 'PATCH', `/orgs/${suite.orgId}/service-accounts/${crypto.randomUUID()}`, { name: 'ghost' })).status).toBe(404);
    const [row] = await suite.db.query<{ name: string }>('SELECT name FROM service_accounts WHERE id = $1', [robot.id]);
    expect(row!.name).toBe('release-bot');
  });
});
