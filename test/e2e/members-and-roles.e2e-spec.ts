import { QueryBus } from '@nestjs/cqrs';
import { VerifyAuditChainQuery } from '../../src/modules/audit/index.js';
import { apiCaller, createOrg, join, roleId, signIn, type TestUser } from '../support/org-fixture.js';
import { orgSuite } from '../support/suites.js';
import { auditSealed } from '../support/audit-sealing.js';

describe('members and roles', () => {
  const suite = orgSuite('Roles Inc');

  const auditCount = async (action: string): Promise<number> =>
    Number((await suite.db.query<{ n: string }>('SELECT count(*) AS n FROM audit_events WHERE chain_key = $1 AND action = $2', [suite.orgId, action]))[0]!.n);

  it('lists the built-in roles with full matrices', async () => {
    const { roles } = (await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/roles`)).json()) as {
      roles: { name: string; isOwner: boolean; permissions: Record<string, string>; repoPatterns: string[] }[];
    };
    expect(roles.map((role) => [role.name, role.isOwner])).toEqual([
      ['Owner', true],
      ['Member', false],
    ]);
    expect(Object.keys(roles[1]!.permissions)).toHaveLength(17);
    expect(roles[1]!.repoPatterns).toEqual(['*']);
  });

  it('creates, edits and deletes a custom role, one audit row each', async () => {
    const created = await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/roles`, {
      name: 'Deployer',
      description: 'ships things',
      permissions: { runs: 'write', environments: 'write' },
      repoPatterns: ['acme/*'],
    });
    expect(created.status).toBe(201);
    const role = (await created.json()) as { id: string; permissions: Record<string, string> };
    expect(role.permissions).toMatchObject({ runs: 'write', environments: 'write', secrets: 'none' });

    const edited = await suite.call(suite.owner.token, 'PATCH', `/orgs/${suite.orgId}/roles/${role.id}`, { permissions: { runs: 'admin' } });
    expect(edited.status).toBe(200);
    const [update] = await suite.db.query<{ payload: { changes: { field: string }[] } }>(
      "SELECT payload FROM audit_events WHERE chain_key = $1 AND action = 'role.update'",
      [suite.orgId],
    );
    expect(update!.payload.changes.map((change) => change.field)).toEqual(['permissions']);

    expect((await suite.call(suite.owner.token, 'DELETE', `/orgs/${suite.orgId}/roles/${role.id}`)).status).toBe(204);
    expect(await auditCount('role.create')).toBe(1);
    expect(await auditCount('role.delete')).toBe(1);
  });

  it.each([
    ['an unknown resource', { name: 'x', permissions: { everything: 'admin' } }],
    ['an unknown level', { name: 'x', permissions: { runs: 'superuser' } }],
    ['an empty repository pattern list', { name: 'x', permissions: {}, repoPatterns: [] }],
    ['a name over 100 characters', { name: 'n'.repeat(101), permissions: {} }],
  ])('refuses a role with %s', async (_label, body) => {
    expect((await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/roles`, body)).status).toBe(400);
  });

  it('refuses a duplicate name with 409 and writes nothing', async () => {
    expect((await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/roles`, { name: 'Member', permissions: {} })).status).toBe(409);
  });

  it('keeps the Owner role immutable', async () => {
    const ownerRole = await roleId(suite.platform, suite.owner, suite.orgId, 'Owner');
    for (const [method, body] of [['PATCH', { name: 'Boss' }], ['DELETE', undefined]] as const) {
      const response = await suite.call(suite.owner.token, method, `/orgs/${suite.orgId}/roles/${ownerRole}`, body);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'RBAC.OWNER_ROLE_IMMUTABLE' });
    }
  });

  it('lists members with their roles', async () => {
    await join(suite.platform, suite.orgId, suite.owner, 'member@example.com');
    const { members } = (await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/members`)).json()) as {
      members: { email: string; roles: string[]; suspendedAt: string | null }[];
    };
    expect(members).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: 'owner@example.com', roles: ['Owner'], suspendedAt: null }),
        expect.objectContaining({ email: 'member@example.com', roles: ['Member'] }),
      ]),
    );
  });

  it('assigns roles, and a role change takes effect on the next request', async () => {
    const member = await join(suite.platform, suite.orgId, suite.owner, 'promoted@example.com');
    expect((await suite.call(member.token, 'POST', `/orgs/${suite.orgId}/roles`, { name: 'Mine', permissions: {} })).status).toBe(403);
    const ownerRole = await roleId(suite.platform, suite.owner, suite.orgId, 'Owner');
    expect((await suite.call(suite.owner.token, 'PUT', `/orgs/${suite.orgId}/members/${member.userId}/roles/${ownerRole}`)).status).toBe(204);
    expect((await suite.call(suite.owner.token, 'PUT', `/orgs/${suite.orgId}/members/${member.userId}/roles/${ownerRole}`)).status).toBe(204);
    expect((await suite.call(member.token, 'POST', `/orgs/${suite.orgId}/roles`, { name: 'Mine', permissions: {} })).status).toBe(201);
    const assigned = await suite.db.query("SELECT 1 FROM audit_events WHERE chain_key = $1 AND action = 'role.assigned' AND payload->>'userId' = $2", [
      suite.orgId,
      member.userId,
    ]);
    expect(assigned).toHaveLength(2); // Member on joining, Owner once (the repeat changed nothing)
  });

  it('refuses to assign a role of another organization, or to a non-member', async () => {
    const stranger = await signIn(suite.platform, 'stranger@example.com');
    const otherOrg = await createOrg(suite.platform, stranger, 'Elsewhere');
    const foreignRole = await roleId(suite.platform, stranger, otherOrg, 'Member');
    const member = await join(suite.platform, suite.orgId, suite.owner, 'target@example.com');
    const foreign = await suite.call(suite.owner.token, 'PUT', `/orgs/${suite.orgId}/members/${member.userId}/roles/${foreignRole}`);
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ code: 'RBAC.ROLE_NOT_FOUND' });
    const memberRole = await roleId(suite.platform, suite.owner, suite.orgId, 'Member');
    const nonMember = await suite.call(suite.owner.token, 'PUT', `/orgs/${suite.orgId}/members/${stranger.userId}/roles/${memberRole}`);
    expect(nonMember.status).toBe(404);
    expect(await nonMember.json()).toMatchObject({ code: 'ORGS.MEMBER_NOT_FOUND' });
  });

  it('does not let members:admin escalate beyond its holder', async () => {
    const admin = await join(suite.platform, suite.orgId, suite.owner, 'people-admin@example.com');
    const peopleRole = (await (
      await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/roles`, { name: 'People admin', permissions: { members: 'admin', runs: 'read' } })
    ).json()) as { id: string };
    await suite.call(suite.owner.token, 'PUT', `/orgs/${suite.orgId}/members/${admin.userId}/roles/${peopleRole.id}`);

    const tooMuch = await suite.call(admin.token, 'POST', `/orgs/${suite.orgId}/roles`, { name: 'God', permissions: { secrets: 'admin' } });
    expect(tooMuch.status).toBe(403);
    expect(await tooMuch.json()).toMatchObject({ error: 'Cannot grant more than you hold: secrets.admin' });
    const ownerRole = await roleId(suite.platform, suite.owner, suite.orgId, 'Owner');
    const selfOwner = await suite.call(admin.token, 'PUT', `/orgs/${suite.orgId}/members/${admin.userId}/roles/${ownerRole}`);
    expect(selfOwner.status).toBe(403);
    expect((await suite.call(admin.token, 'POST', `/orgs/${suite.orgId}/roles`, { name: 'Reader', permissions: { runs: 'read' } })).status).toBe(201);
  });

  it('suspends a member, who is then refused everywhere in the organization, and reinstates them', async () => {
    const member = await join(suite.platform, suite.orgId, suite.owner, 'suspend-me@example.com');
    expect((await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/members/${member.userId}/suspend`)).status).toBe(204);
    const refused = await suite.call(member.token, 'GET', `/orgs/${suite.orgId}`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'ORGS.MEMBER_SUSPENDED' });
    expect((await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/members/${member.userId}/unsuspend`)).status).toBe(204);
    expect((await suite.call(member.token, 'GET', `/orgs/${suite.orgId}`)).status).toBe(200);
  });

  it('lets a member leave, and needs members:admin to remove someone else', async () => {
    const leaver = await join(suite.platform, suite.orgId, suite.owner, 'leaver@example.com');
    const other = await join(suite.platform, suite.orgId, suite.owner, 'other@example.com');
    const refused = await suite.call(leaver.token, 'DELETE', `/orgs/${suite.orgId}/members/${other.userId}`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'Insufficient permission: members.admin needed' });
    expect((await suite.call(leaver.token, 'DELETE', `/orgs/${suite.orgId}/members/${leaver.userId}`)).status).toBe(204);
    expect((await suite.call(leaver.token, 'GET', `/orgs/${suite.orgId}`)).status).toBe(403);
    expect((await suite.call(suite.owner.token, 'DELETE', `/orgs/${suite.orgId}/members/${other.userId}`)).status).toBe(204);
    const rows = await suite.db.query('SELECT 1 FROM role_assignments WHERE org_id = $1 AND user_id = ANY($2::uuid[])', [suite.orgId, [leaver.userId, other.userId]]);
    expect(rows).toEqual([]);
  });

  it('never removes the last Owner, even under concurrent attempts', async () => {
    const solo = await signIn(suite.platform, 'solo@example.com');
    const soloOrg = await createOrg(suite.platform, solo, 'Solo');
    const leave = await suite.call(solo.token, 'DELETE', `/orgs/${soloOrg}/members/${solo.userId}`);
    expect(leave.status).toBe(409);
    expect(await leave.json()).toMatchObject({ code: 'RBAC.LAST_OWNER' });

    const second = await join(suite.platform, soloOrg, solo, 'second-owner@example.com', [await roleId(suite.platform, solo, soloOrg, 'Owner')]);
    const ownerRole = await roleId(suite.platform, solo, soloOrg, 'Owner');
    const attempts = await Promise.all([
      suite.call(solo.token, 'DELETE', `/orgs/${soloOrg}/members/${second.userId}/roles/${ownerRole}`),
      suite.call(second.token, 'DELETE', `/orgs/${soloOrg}/members/${solo.userId}/roles/${ownerRole}`),
      suite.call(solo.token, 'DELETE', `/orgs/${soloOrg}/members/${solo.userId}`),
      suite.call(second.token, 'DELETE', `/orgs/${soloOrg}/members/${second.userId}`),
    ]);
    expect(attempts.map((response) => response.status).filter((status) => status === 409).length).toBeGreaterThanOrEqual(1);
    const owners = await suite.db.query(
      'SELECT a.user_id FROM role_assignments a JOIN roles r ON r.id = a.role_id WHERE a.org_id = $1 AND r.is_owner',
      [soloOrg],
    );
    expect(owners.length).toBeGreaterThanOrEqual(1);
  });

  it('keeps the organization audit chain intact through all of it', async () => {
    await auditSealed(suite.db, suite.orgId);
    await expect(suite.platform.app.get(QueryBus).execute(new VerifyAuditChainQuery(suite.orgId))).resolves.toMatchObject({ firstBreak: null, rowsPendingSeal: 0 });
  });
});
