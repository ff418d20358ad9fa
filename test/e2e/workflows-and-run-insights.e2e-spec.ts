import { eventually } from '../support/eventually.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite } from '../support/suites.js';
import { auditSealed } from '../support/audit-sealing.js';

/** platform-domain §9.5, §9.7: registrations' writes, global workflows, and more run views, proxied. */
describe('workflows and run insights', () => {
  const suite = orgSuite('Workflows Co');
  let eu: SimulatedOrchestrator;
  let us: SimulatedOrchestrator;

  const call = (method: string, path: string, body?: unknown): Promise<Response> => suite.call(suite.owner.token, method, `/orgs/${suite.orgId}${path}`, body);
  const json = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await call(method, path, body);
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return response.json();
  };

  beforeAll(async () => {
    const { key } = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'k' })).json()) as { key: string };
    const wsUrl = `${suite.platform.origin.replace('http', 'ws')}/ws`;
    const connect = async (clusterName: string, writes: Record<string, boolean> = {}): Promise<SimulatedOrchestrator> => {
      const { orch } = await SimulatedOrchestrator.connect(wsUrl, key, { orchRole: 'coordinator', dashboardWrites: writes });
      await orch.request({ type: 'source.register', messageId: 'm', sources: [], clusterName }, 'source.register.ack');
      return orch;
    };
    eu = await connect('eu-1', { 'registration.delete': false });
    us = await connect('us-1');
    us.send({ type: 'execution.status', messageId: 'r', runId: 'run-us', workflowName: 'deploy', status: 'success', startedAt: 1, timestamp: 1 });
    await eventually(async () => expect((await suite.db.query("SELECT 1 FROM runs WHERE run_id = 'run-us'")).length).toBe(1));
    us.answer('dashboard.run.structured', (request) => ({ result: { runId: request.runId } }));
    us.answer('dashboard.orch.logs', (request) => ({ lines: [`provisioning ${String(request.jobId)}`], totalLines: 1 }));
    us.answer('dashboard.attestations.list', () => ({ attestations: [] }));
  });

  afterAll(() => {
    eu?.close();
    us?.close();
  });

  it('reads run views from the cluster that reported the run', async () => {
    expect(await json('GET', '/runs/run-us/structured')).toEqual({ result: { runId: 'run-us' } });
    expect(await json('GET', '/runs/run-us/jobs/j1/orch-logs')).toEqual({ lines: ['provisioning j1'], totalLines: 1 });
    expect(await json('GET', '/runs/run-us/attestations')).toEqual({ attestations: [], trustedIssuer: null, jwksUri: null });
    expect(eu.received.map((frame) => frame.type)).not.toContain('dashboard.run.structured');
  });

  it('asks org-wide views of the sole or chosen cluster, and says which clusters exist when it cannot choose', async () => {
    const ambiguous = await call('GET', '/runs/filters');
    expect(ambiguous.status).toBe(422);
    expect(await ambiguous.json()).toMatchObject({ code: 'GATEWAY.AMBIGUOUS_CLUSTER' });
    us.close();
    await us.closed;
    await eventually(async () => expect((await call('GET', '/runs/filters')).status).not.toBe(422));
    eu.answer('dashboard.runs.filters', () => ({ statuses: ['success'], workflows: [], branches: [], repositories: [], triggerTypes: [], sources: [] }));
    eu.answer('dashboard.attestations.list.all', (request) => ({ attestations: [], page: request.page, pageSize: 20, total: 0, filters: request.filters }));
    eu.answer('dashboard.attestation.get', (request) => ({ attestation: { id: request.attestationId } }));
    eu.answer('dashboard.registrations.list', () => ({ registrations: [], registryVersion: 1, registryUpdatedAt: 'now' }));
    eu.answer('dashboard.global-workflows.get', () => ({ settings: { enabled: false } }));
    expect(await json('GET', '/runs/filters')).toMatchObject({ statuses: ['success'] });
    expect(await json('GET', '/attestations?page=2&repository=acme/api')).toEqual({ attestations: [], page: 2, pageSize: 20, total: 0, filters: { repository: 'acme/api' } });
    expect(await json('GET', '/attestations/att-1')).toEqual({ attestation: { id: 'att-1' } });
    expect(await json('GET', '/workflows')).toEqual({ registrations: [], registryVersion: 1, registryUpdatedAt: 'now' });
    expect(await json('GET', '/global-workflows')).toEqual({ settings: { enabled: false } });
    expect((await call('GET', '/attestations?page=0')).status).toBe(400);
  });

  it('disables a registration, runs it now, updates global workflows — audited — and honours a disabled delete', async () => {
    eu.answer('dashboard.registration.disable', () => ({ success: true }));
    eu.answer('run.manual_schedule.request', () => ({ newRunId: 'run-now-1' }));
    eu.answer('dashboard.global-workflows.update', (request) => ({ settings: { enabled: request.enabled } }));
    expect(await json('PATCH', '/registrations/reg-1', { disabled: true })).toEqual({ success: true });
    expect(await json('POST', '/registrations/reg-1/run')).toEqual({ newRunId: 'run-now-1' });
    expect(await json('PUT', '/global-workflows', { enabled: true, deniedRepos: [{ pattern: 'acme/secret-*' }] })).toEqual({ settings: { enabled: true } });
    const refused = await call('DELETE', '/registrations/reg-1?cancelActiveRuns=true');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'operation_disabled', operation: 'registration.delete' });
    await auditSealed(suite.db, suite.orgId);
    const actions = await suite.db.query<{ action: string }>(
      "SELECT action FROM audit_events WHERE chain_key = $1 AND action IN ('registration.disable', 'registration.delete', 'run.manual_schedule', 'global_workflows.update') ORDER BY seq",
      [suite.orgId],
    );
    expect(actions.map((row) => row.action)).toEqual(['registration.disable', 'run.manual_schedule', 'global_workflows.update']);
    for (const [method, path, body] of [
      ['PATCH', '/registrations/reg-1', { disabled: 'yes' }],
      ['PUT', '/global-workflows', {}],
      ['PUT', '/global-workflows', { allowedRepos: [{ pattern: '' }] }],
    ] as const) {
      expect((await call(method, path, body)).status).toBe(400);
    }
  });
});
