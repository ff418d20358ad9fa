import { apiCaller, createOrg, join, roleId, signIn, type TestUser } from '../support/org-fixture.js';
import { orgSuite } from '../support/suites.js';

describe('user API keys (kici_sk_)', () => {
  const suite = orgSuite('Keys Co');

  async function createKey(creator: TestUser, permissions: Record<string, string>, name = 'ci'): Promise<{ id: string; token: string; prefix: string }> {
    const response = await suite.call(creator.token, 'POST', `/orgs/${suite.orgId}/api-keys`, { name, permissions });
    if (response.status !== 201) throw new Error(`${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string; token: string; prefix: string };
  }

  /** A member whose only role is a fresh custom role with these permissions. */
  async function memberWith(email: string, permissions: Record<string, string>): Promise<{ member: TestUser; role: string }> {
    const member = await join(suite.platform, suite.orgId, suite.owner, email);
    const role = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/roles`, { name: `role of ${email}`, permissions })).json()) as { id: string };
    await suite.call(suite.owner.token, 'PUT', `/orgs/${suite.orgId}/members/${member.userId}/roles/${role.id}`);
    await suite.call(suite.owner.token, 'DELETE', `/orgs/${suite.orgId}/members/${member.userId}/roles/${await roleId(suite.platform, suite.owner, suite.orgId, 'Member')}`);
    return { member, role: role.id };
  }

  it('creates a key shown once, listed by prefix, usable within its matrix', async () => {
    const key = await createKey(suite.owner, { members: 'read' });
    expect(key.token).toMatch(/^kici_sk_/);
    expect(key.prefix).toBe(key.token.slice(0, 16));
    const listed = await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/api-keys`)).text();
    expect(listed).toContain(key.prefix);
    expect(listed).not.toContain(key.token);

    expect((await suite.call(key.token, 'GET', `/orgs/${suite.orgId}/members`)).status).toBe(200);
    const refused = await suite.call(key.token, 'PATCH', `/orgs/${suite.orgId}`, { displayName: 'x' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'Insufficient permission: org_settings.admin needed' });
  });

  it('works only in its own organization and never on user routes', async () => {
    const key = await createKey(suite.owner, { members: 'read' });
    const otherOrg = await createOrg(suite.platform, suite.owner, 'Other Co');
    const foreign = await suite.call(key.token, 'GET', `/orgs/${otherOrg}/members`);
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ code: 'ORGS.NOT_MEMBER' });
    for (const [method, path] of [['GET', '/user'], ['GET', '/user/orgs'], ['GET', '/pats'], ['POST', '/orgs']] as const) {
      const response = await suite.call(key.token, method, path, method === 'POST' ? { name: 'x' } : undefined);
      expect(response.status).toBe(403);
    }
    const minted = await suite.call(key.token, 'POST', `/orgs/${suite.orgId}/api-keys`, { name: 'child', permissions: {} });
    expect(minted.status).toBe(403);
  });

  it('refuses a key above its creator, naming the resource', async () => {
    const { member } = await memberWith('keymaker@example.com', { api_keys: 'write', runs: 'read' });
    const response = await suite.call(member.token, 'POST', `/orgs/${suite.orgId}/api-keys`, { name: 'too much', permissions: { runs: 'write' } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'Cannot grant more than you hold: runs.write' });
    expect((await suite.db.query("SELECT 1 FROM user_api_keys WHERE name = 'too much'")).length).toBe(0);
  });

  it("loses power on its next request when its creator is demoted, and stops working when they leave", async () => {
    const { member, role } = await memberWith('demoted@example.com', { api_keys: 'write', members: 'read' });
    const key = await createKey(member, { members: 'read' }, 'demotable');
    expect((await suite.call(key.token, 'GET', `/orgs/${suite.orgId}/members`)).status).toBe(200);

    await suite.call(suite.owner.token, 'PATCH', `/orgs/${suite.orgId}/roles/${role}`, { permissions: { api_keys: 'write' } });
    const demoted = await suite.call(key.token, 'GET', `/orgs/${suite.orgId}/members`);
    expect(demoted.status).toBe(403);
    expect(await demoted.json()).toMatchObject({ error: 'Insufficient permission: members.read needed' });

    await suite.call(suite.owner.token, 'PATCH', `/orgs/${suite.orgId}/roles/${role}`, { permissions: { api_keys: 'write', members: 'read' } });
    expect((await suite.call(key.token, 'GET', `/orgs/${suite.orgId}/members`)).status).toBe(200);
    expect((await suite.call(suite.owner.token, 'DELETE', `/orgs/${suite.orgId}/members/${member.userId}`)).status).toBe(204);
    expect((await suite.call(key.token, 'GET', `/orgs/${suite.orgId}/members`)).status).toBe(401);
  });

  it('revokes: your own with api_keys:write, anyone else\'s only with api_keys:admin', async () => {
    const { member } = await memberWith('revoker@example.com', { api_keys: 'write' });
    const ownersKey = await createKey(suite.owner, {});
    const refused = await suite.call(member.token, 'DELETE', `/orgs/${suite.orgId}/api-keys/${ownersKey.id}`);
    expect(refused.status).toBe(403);
    const own = await createKey(member, {}, 'mine');
    expect((await suite.call(member.token, 'DELETE', `/orgs/${suite.orgId}/api-keys/${own.id}`)).status).toBe(204);
    expect((await suite.call(own.token, 'GET', `/orgs/${suite.orgId}`)).status).toBe(401);
    expect((await suite.call(suite.owner.token, 'DELETE', `/orgs/${suite.orgId}/api-keys/${ownersKey.id}`)).status).toBe(204);
    expect((await suite.call(suite.owner.token, 'DELETE', `/orgs/${suite.orgId}/api-keys/${ownersKey.id}`)).status).toBe(404);
  });

  it('audits what a key does with the key as the actor', async () => {
    const key = await createKey(suite.owner, { members: 'admin' }, 'role-maker');
    const created = await suite.call(key.token, 'POST', `/orgs/${suite.orgId}/roles`, { name: 'Made by a key', permissions: { members: 'read' } });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const [row] = await suite.db.query<{ actor_type: string; actor_id: string; actor_display: string }>(
      "SELECT actor_type, actor_id, actor_display FROM audit_events WHERE action = 'role.create' AND target_id = $1",
      [id],
    );
    expect(row).toEqual({ actor_type: 'api_key', actor_id: key.id, actor_display: 'role-maker' });
    const [creation] = await suite.db.query<{ actor_type: string }>("SELECT actor_type FROM audit_events WHERE action = 'api_key.create' AND target_id = $1", [key.id]);
    expect(creation!.actor_type).toBe('user');
  });
});
