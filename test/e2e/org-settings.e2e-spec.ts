import { apiCaller, createOrg, join, signIn, type TestUser } from '../support/org-fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';

describe('trust policy, billing and support access', () => {
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
    orgId = await createOrg(platform, owner, 'Settings Co');
  });

  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it('serves the default trust policy, stores a new one, audits only real changes', async () => {
    expect(await (await call(owner.token, 'GET', `/orgs/${orgId}/trust-policies`)).json()).toEqual({
      forkPolicy: 'hold',
      unknownContributorPolicy: 'hold',
      workflowChangePolicy: 'hold',
      approvalExpiryHours: 72,
      updatedAt: null,
    });
    const policy = { forkPolicy: 'reject', unknownContributorPolicy: 'hold', workflowChangePolicy: 'allow', approvalExpiryHours: 24 };
    const saved = await call(owner.token, 'PUT', `/orgs/${orgId}/trust-policies`, policy);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ ...policy, updatedAt: expect.any(String) });
    await call(owner.token, 'PUT', `/orgs/${orgId}/trust-policies`, policy);
    const rows = await db.query<{ payload: { changes: { field: string }[] } }>("SELECT payload FROM audit_events WHERE chain_key = $1 AND action = 'trust_policy.update'", [orgId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload.changes.map((change) => change.field).sort()).toEqual(['approvalExpiryHours', 'forkPolicy', 'workflowChangePolicy']);
  });

  it('refuses invalid policies', async () => {
    for (const body of [
      { forkPolicy: 'maybe', unknownContributorPolicy: 'hold', workflowChangePolicy: 'hold', approvalExpiryHours: 1 },
      { forkPolicy: 'hold', unknownContributorPolicy: 'allow', workflowChangePolicy: 'hold', approvalExpiryHours: 1 },
      { forkPolicy: 'hold', unknownContributorPolicy: 'hold', workflowChangePolicy: 'hold', approvalExpiryHours: 0 },
      { forkPolicy: 'hold' },
    ]) {
      expect((await call(owner.token, 'PUT', `/orgs/${orgId}/trust-policies`, body)).status).toBe(400);
    }
  });

  it('reports a self-hosted plan without limits, with usage', async () => {
    await join(platform, orgId, owner, 'member@example.com');
    await call(owner.token, 'POST', `/orgs/${orgId}/orchestrator-keys`, { name: 'k' });
    expect(await (await call(owner.token, 'GET', `/orgs/${orgId}/billing`)).json()).toEqual({
      plan: 'self-hosted',
      limits: {},
      usage: { members: 2, serviceAccounts: 0, apiKeys: 0, orchestratorKeys: 1, pendingInvites: 0 },
    });
  });

  it('keeps support access off by default; Owners toggle it, members may not see it', async () => {
    expect(await (await call(owner.token, 'GET', `/orgs/${orgId}/support`)).json()).toEqual({ enabled: false });
    expect(await (await call(owner.token, 'PUT', `/orgs/${orgId}/support`, { enabled: true })).json()).toEqual({ enabled: true });
    expect(await (await call(owner.token, 'GET', `/orgs/${orgId}/support`)).json()).toEqual({ enabled: true });
    const member = await join(platform, orgId, owner, 'curious@example.com');
    expect((await call(member.token, 'GET', `/orgs/${orgId}/support`)).status).toBe(403);
    const actions = await db.query<{ action: string }>("SELECT action FROM audit_events WHERE chain_key = $1 AND action LIKE 'support.%'", [orgId]);
    expect(actions.map((row) => row.action)).toEqual(['support.enable']);
  });
});
