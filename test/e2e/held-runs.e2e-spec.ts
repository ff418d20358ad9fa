import { join } from '../support/org-fixture.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite } from '../support/suites.js';
import { auditSealed } from '../support/audit-sealing.js';

describe('held runs: kici approve / reject', () => {
  const suite = orgSuite('Holds Co');
  let orch: SimulatedOrchestrator;
  const hold = { id: 'hold-1', runId: 'run-1', jobId: null, holdScope: 'workflow', stepIndex: null, status: 'pending', payload: null };

  beforeAll(async () => {
    const { key } = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'k' })).json()) as { key: string };
    ({ orch } = await SimulatedOrchestrator.connect(`${suite.platform.origin.replace('http', 'ws')}/ws`, key));
    await orch.request({ type: 'source.register', messageId: 'm', sources: [], clusterName: 'eu-1' }, 'source.register.ack');
    orch.answer('dashboard.held-runs.list', () => ({ heldRuns: [hold] }));
    orch.answer('dashboard.held-runs.approve', () => ({}));
    orch.answer('dashboard.held-runs.reject', () => ({}));
  });

  afterAll(() => orch?.close());

  const member = async (email: string, permissions: Record<string, string>) => {
    const user = await join(suite.platform, suite.orgId, suite.owner, email);
    const role = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/roles`, { name: `role ${email}`, permissions })).json()) as { id: string };
    await suite.call(suite.owner.token, 'PUT', `/orgs/${suite.orgId}/members/${user.userId}/roles/${role.id}`);
    const { roles } = (await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/roles`)).json()) as { roles: { id: string; name: string }[] };
    await suite.call(suite.owner.token, 'DELETE', `/orgs/${suite.orgId}/members/${user.userId}/roles/${roles.find((r) => r.name === 'Member')!.id}`);
    return user;
  };

  it('lists holds of a run as the CLI asks', async () => {
    const response = await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/held-runs?runId=${encodeURIComponent('run-1')}`);
    expect(await response.json()).toEqual({ heldRuns: [hold] });
    expect(await orch.next('dashboard.held-runs.list')).toMatchObject({ runId: 'run-1' });
  });

  it('approves with environments:write or ci_trust:write, never with neither', async () => {
    const security = await member('security@example.com', { ci_trust: 'write' });
    const approved = await suite.call(security.token, 'POST', `/orgs/${suite.orgId}/held-runs/hold-1/approve?auto=1`);
    expect(approved.status).toBe(200);
    expect(await orch.next('dashboard.held-runs.approve')).toMatchObject({ heldRunId: 'hold-1', autoApprove: true });

    const bystander = await member('bystander@example.com', { environments: 'read' });
    const refused = await suite.call(bystander.token, 'POST', `/orgs/${suite.orgId}/held-runs/hold-1/approve`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'Insufficient permission: environments.write or ci_trust.write needed' });
  });

  it('rejects with a reason and audits both decisions', async () => {
    const before = orch.received.length;
    const response = await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/held-runs/hold-1/reject`, { reason: 'rejected via kici run' });
    expect(response.status).toBe(200);
    expect(await orch.next('dashboard.held-runs.reject', 2000, before)).toMatchObject({ heldRunId: 'hold-1', reason: 'rejected via kici run' });
    await auditSealed(suite.db, suite.orgId);
    const actions = await suite.db.query<{ action: string }>("SELECT action FROM audit_events WHERE chain_key = $1 AND target_type = 'held_run' ORDER BY seq", [suite.orgId]);
    expect(actions.map((row) => row.action)).toEqual(['held_run.approve', 'held_run.reject']);
  });
});
