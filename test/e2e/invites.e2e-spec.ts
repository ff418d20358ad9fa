import { apiCaller, createOrg, roleId, signIn, type TestUser } from '../support/org-fixture.js';
import { devIdpToken } from '../support/dev-idp-tokens.js';
import { orgSuite } from '../support/suites.js';

describe('invitations', () => {
  const suite = orgSuite('Invites Ltd');

  const invite = async (email: string, body: Record<string, unknown> = {}): Promise<{ id: string; status: string; roleIds: string[] }> => {
    const response = await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/invites`, { email, ...body });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; status: string; roleIds: string[] };
  };

  it('invites with the Member role by default; the invitee sees it pending and joins by accepting', async () => {
    const created = await invite('Newcomer@Example.com');
    expect(created.roleIds).toEqual([await roleId(suite.platform, suite.owner, suite.orgId, 'Member')]);
    const newcomer = await signIn(suite.platform, 'newcomer@example.com');
    const { invites } = (await (await suite.call(newcomer.token, 'GET', '/invites/pending')).json()) as { invites: { id: string; orgDisplayName: string }[] };
    expect(invites).toEqual([expect.objectContaining({ id: created.id, orgDisplayName: 'Invites Ltd' })]);

    const accepted = await suite.call(newcomer.token, 'POST', `/invites/${created.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ orgId: suite.orgId });
    const { orgs } = (await (await suite.call(newcomer.token, 'GET', '/user/orgs')).json()) as { orgs: { id: string; role: string }[] };
    expect(orgs).toEqual(expect.arrayContaining([expect.objectContaining({ id: suite.orgId, role: 'Member' })]));
    const actions = await suite.db.query<{ action: string }>("SELECT action FROM audit_events WHERE chain_key = $1 AND action LIKE ANY (ARRAY['invite.%','member.join'])", [suite.orgId]);
    expect(actions.map((row) => row.action).sort()).toEqual(['invite.accept', 'invite.create', 'member.join']);
    expect((await suite.call(newcomer.token, 'POST', `/invites/${created.id}/accept`)).status).toBe(409);
  });

  it("answers someone else's invitation as not found", async () => {
    const created = await invite('intended@example.com');
    const intruder = await signIn(suite.platform, 'intruder@example.com');
    for (const action of ['accept', 'decline']) {
      const response = await suite.call(intruder.token, 'POST', `/invites/${created.id}/${action}`);
      expect(response.status).toBe(404);
    }
    const [row] = await suite.db.query<{ status: string }>('SELECT status FROM invites WHERE id = $1', [created.id]);
    expect(row!.status).toBe('pending');
  });

  it('refuses an unverified email', async () => {
    const created = await invite('unverified@example.com');
    const token = await devIdpToken(suite.platform, 'unverified@example.com', { claims: { email_verified: false } });
    const response = await fetch(`${suite.platform.origin}/api/v1/invites/${created.id}/accept`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(404);
  });

  it('answers an expired invitation with 410', async () => {
    const created = await invite('late@example.com');
    await suite.db.query("UPDATE invites SET expires_at = now() - interval '1 second' WHERE id = $1", [created.id]);
    const late = await signIn(suite.platform, 'late@example.com');
    const response = await suite.call(late.token, 'POST', `/invites/${created.id}/accept`);
    expect(response.status).toBe(410);
    expect(await response.json()).toMatchObject({ code: 'ORGS.INVITE_EXPIRED' });
  });

  it('lets the invitee decline, and the inviter revoke', async () => {
    const declined = await invite('no-thanks@example.com');
    const user = await signIn(suite.platform, 'no-thanks@example.com');
    expect((await suite.call(user.token, 'POST', `/invites/${declined.id}/decline`)).status).toBe(200);
    const revoked = await invite('revoked@example.com');
    expect((await suite.call(suite.owner.token, 'DELETE', `/orgs/${suite.orgId}/invites/${revoked.id}`)).status).toBe(204);
    const target = await signIn(suite.platform, 'revoked@example.com');
    expect((await suite.call(target.token, 'POST', `/invites/${revoked.id}/accept`)).status).toBe(409);
    const { invites } = (await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/invites`)).json()) as { invites: { id: string; status: string }[] };
    expect(invites.find((entry) => entry.id === declined.id)!.status).toBe('declined');
    expect(invites.find((entry) => entry.id === revoked.id)!.status).toBe('revoked');
  });

  it('refuses bad invitations without writing anything', async () => {
    const stranger = await signIn(suite.platform, 'stranger@example.com');
    const otherOrg = await createOrg(suite.platform, stranger, 'Other');
    const foreignRole = await roleId(suite.platform, stranger, otherOrg, 'Member');
    const before = await suite.db.query('SELECT id FROM invites');
    for (const body of [{ email: 'not-an-email' }, { email: 'x@example.com', roleIds: [foreignRole] }, { email: 'x@example.com', expiresInDays: 90 }]) {
      expect((await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/invites`, body)).status).toBe(400);
    }
    expect((await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/invites`, { email: 'owner@example.com' })).status).toBe(409);
    await invite('twice@example.com');
    expect((await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/invites`, { email: 'twice@example.com' })).status).toBe(409);
    expect((await suite.db.query('SELECT id FROM invites')).length).toBe(before.length + 1);
  });
});
