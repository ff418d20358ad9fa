import { apiCaller, createOrg, join, signIn, type TestUser } from '../support/org-fixture.js';
import { orgSuite } from '../support/suites.js';

describe('trust policy, billing and support access', () => {
  const suite = orgSuite('Settings Co');

  it('serves the default trust policy, stores a new one, audits only real changes', async () => {
    expect(await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/trust-policies`)).json()).toEqual({
      forkPolicy: 'hold',
      unknownContributorPolicy: 'hold',
      workflowChangePolicy: 'hold',
      approvalExpiryHours: 72,
      updatedAt: null,
    });
    const policy = { forkPolicy: 'reject', unknownContributorPolicy: 'hold', workflowChangePolicy: 'allow', approvalExpiryHours: 24 };
    const saved = await suite.call(suite.owner.token, 'PUT', `/orgs/${suite.orgId}/trust-policies`, policy);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ ...policy, updatedAt: expect.any(String) });
    await suite.call(suite.owner.token, 'PUT', `/orgs/${suite.orgId}/trust-policies`, policy);
    const rows = await suite.db.query<{ payload: { changes: { field: string }[] } }>("SELECT payload FROM audit_events WHERE chain_key = $1 AND action = 'trust_policy.update'", [suite.orgId]);
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
      expect((await suite.call(suite.owner.token, 'PUT', `/orgs/${suite.orgId}/trust-policies`, body)).status).toBe(400);
    }
  });

  it('reports a self-hosted plan without limits, with usage', async () => {
    await join(suite.platform, suite.orgId, suite.owner, 'member@example.com');
    await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'k' });
    expect(await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/billing`)).json()).toEqual({
      plan: 'self-hosted',
      limits: {},
      usage: { members: 2, serviceAccounts: 0, apiKeys: 0, orchestratorKeys: 1, pendingInvites: 0 },
    });
  });

  it('keeps support access off by default; Owners toggle it, members may not see it', async () => {
    expect(await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/support`)).json()).toEqual({ enabled: false });
    expect(await (await suite.call(suite.owner.token, 'PUT', `/orgs/${suite.orgId}/support`, { enabled: true })).json()).toEqual({ enabled: true });
    expect(await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/support`)).json()).toEqual({ enabled: true });
    const member = await join(suite.platform, suite.orgId, suite.owner, 'curious@example.com');
    expect((await suite.call(member.token, 'GET', `/orgs/${suite.orgId}/support`)).status).toBe(403);
    const actions = await suite.db.query<{ action: string }>("SELECT action FROM audit_events WHERE chain_key = $1 AND action LIKE 'support.%'", [suite.orgId]);
    expect(actions.map((row) => row.action)).toEqual(['support.enable']);
  });
});
