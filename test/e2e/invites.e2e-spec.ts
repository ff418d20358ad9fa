import { apiCaller, createOrg, roleId, signIn, type TestUser } from '../support/org-fixture.js';
import { devIdpToken } from '../support/dev-idp-tokens.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';

describe('invitations', () => {
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
    orgId = await createOrg(platform, owner, 'Invites Ltd');
  });

  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  const invite = async (email: string, body: Record<string, unknown> = {}): Promise<{ id: string; status: string; roleIds: string[] }> => {
    const response = await call(owner.token, 'POST', `/orgs/${orgId}/invites`, { email, ...body });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; status: string; roleIds: string[] };
  };

  it('invites with the Member role by default; the invitee sees it pending and joins by accepting', async () => {
    const created = await invite('Newcomer@Example.com');
    expect(created.roleIds).toEqual([await roleId(platform, owner, orgId, 'Member')]);
    const newcomer = await signIn(platform, 'newcomer@example.com');
    const { invites } = (await (await call(newcomer.token, 'GET', '/invites/pending')).json()) as { invites: { id: string; orgDisplayName: string }[] };
    expect(invites).toEqual([expect.objectContaining({ id: created.id, orgDisplayName: 'Invites Ltd' })]);

    const accepted = await call(newcomer.token, 'POST', `/invites/${created.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ orgId });
    const { orgs } = (await (await call(newcomer.token, 'GET', '/user/orgs')).json()) as { orgs: { id: string; role: string }[] };
    expect(orgs).toEqual(expect.arrayContaining([expect.objectContaining({ id: orgId, role: 'Member' })]));
    const actions = await db.query<{ action: string }>("SELECT action FROM audit_events WHERE chain_key = $1 AND action LIKE ANY (ARRAY['invite.%','member.join'])", [orgId]);
    expect(actions.map((row) => row.action).sort()).toEqual(['invite.accept', 'invite.create', 'member.join']);
    expect((await call(newcomer.token, 'POST', `/invites/${created.id}/accept`)).status).toBe(409);
  });

  it("answers someone else's invitation as not found", async () => {
    const created = await invite('intended@example.com');
    const intruder = await signIn(platform, 'intruder@example.com');
    for (const action of ['accept', 'decline']) {
      const response = await call(intruder.token, 'POST', `/invites/${created.id}/${action}`);
      expect(response.status).toBe(404);
    }
    const [row] = await db.query<{ status: string }>('SELECT status FROM invites WHERE id = $1', [created.id]);
    expect(row!.status).toBe('pending');
  });

  it('refuses an unverified email', async () => {
    const created = await invite('unverified@example.com');
    const token = await devIdpToken(platform, 'unverified@example.com', { claims: { email_verified: false } });
    const response = await fetch(`${platform.origin}/api/v1/invites/${created.id}/accept`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(404);
  });

  it('answers an expired invitation with 410', async () => {
    const created = await invite('late@example.com');
    await db.query("UPDATE invites SET expires_at = now() - interval '1 second' WHERE id = $1", [created.id]);
    const late = await signIn(platform, 'late@example.com');
    const response = await call(late.token, 'POST', `/invites/${created.id}/accept`);
    expect(response.status).toBe(410);
    expect(await response.json()).toMatchObject({ code: 'ORGS.INVITE_EXPIRED' });
  });

  it('lets the invitee decline, and the inviter revoke', async () => {
    const declined = await invite('no-thanks@example.com');
    const user = await signIn(platform, 'no-thanks@example.com');
    expect((await call(user.token, 'POST', `/invites/${declined.id}/decline`)).status).toBe(200);
    const revoked = await invite('revoked@example.com');
    expect((await call(owner.token, 'DELETE', `/orgs/${orgId}/invites/${revoked.id}`)).status).toBe(204);
    const target = await signIn(platform, 'revoked@example.com');
    expect((await call(target.token, 'POST', `/invites/${revoked.id}/accept`)).status).toBe(409);
    const { invites } = (await (await call(owner.token, 'GET', `/orgs/${orgId}/invites`)).json()) as { invites: { id: string; status: string }[] };
    expect(invites.find((entry) => entry.id === declined.id)!.status).toBe('declined');
    expect(invites.find((entry) => entry.id === revoked.id)!.status).toBe('revoked');
  });

  it('refuses bad invitations without writing anything', async () => {
    const stranger = await signIn(platform, 'stranger@example.com');
    const otherOrg = await createOrg(platform, stranger, 'Other');
    const foreignRole = await roleId(platform, stranger, otherOrg, 'Member');
    const before = await db.query('SELECT id FROM invites');
    for (const body of [{ email: 'not-an-email' }, { email: 'x@example.com', roleIds: [foreignRole] }, { email: 'x@example.com', expiresInDays: 90 }]) {
      expect((await call(owner.token, 'POST', `/orgs/${orgId}/invites`, body)).status).toBe(400);
    }
    expect((await call(owner.token, 'POST', `/orgs/${orgId}/invites`, { email: 'owner@example.com' })).status).toBe(409);
    await invite('twice@example.com');
    expect((await call(owner.token, 'POST', `/orgs/${orgId}/invites`, { email: 'twice@example.com' })).status).toBe(409);
    expect((await db.query('SELECT id FROM invites')).length).toBe(before.length + 1);
  });
});
