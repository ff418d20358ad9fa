import { join, roleId } from '../support/org-fixture.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite } from '../support/suites.js';
import { auditSealed } from '../support/audit-sealing.js';

/** platform-domain §9.7, §9.9: fleet hosts, secret backends and scaler capacity, through the proxy. */
describe('fleet, backends and scalers', () => {
  const suite = orgSuite('Fleet Co');
  let orch: SimulatedOrchestrator;

  const call = (method: string, path: string, body?: unknown, token = suite.owner.token): Promise<Response> => suite.call(token, method, `/orgs/${suite.orgId}${path}`, body);

  beforeAll(async () => {
    const { key } = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'k' })).json()) as { key: string };
    ({ orch } = await SimulatedOrchestrator.connect(`${suite.platform.origin.replace('http', 'ws')}/ws`, key, { orchRole: 'coordinator', dashboardWrites: { 'backends.sync': false } }));
    await orch.request({ type: 'source.register', messageId: 'm', sources: [], clusterName: 'eu-1' }, 'source.register.ack');
    orch.answer('dashboard.fleet.hosts', () => ({ hosts: [{ agentId: 'a1' }] }));
    orch.answer('dashboard.fleet.host', (request) => ({ host: { agentId: request.agentId }, runs: [] }));
    orch.answer('dashboard.fleet.workflows-for-host', () => ({ workflows: [] }));
    orch.answer('dashboard.fleet.preview', (request) => ({ matched: [], onUnreachable: 'skip', estimatedChildCount: 0, workflowName: request.workflowName }));
    orch.answer('dashboard.fleet.host.declare', () => ({ declared: true, created: true }));
    orch.answer('dashboard.fleet.host.remove', (request) => ({ removed: request.agentId === 'a1' }));
    orch.answer('dashboard.backends.list', () => ({ backends: [{ name: 'vault' }] }));
    orch.answer('dashboard.backends.get', (request) => ({ backend: { name: request.name } }));
    orch.answer('dashboard.backends.sync.one', () => ({ synced: true, scopeCount: 3 }));
    orch.answer('dashboard.backends.test', () => ({ ok: true, latencyMs: 4 }));
    orch.answer('dashboard.scaler.capacity', () => ({ scalers: [] }));
    orch.answer('dashboard.scaler.agents', (request) => ({ scalerName: request.scalerName, agents: [] }));
  });

  afterAll(() => orch?.close());

  it('reads and changes the fleet, auditing declare and remove; removing an unknown host is a 404', async () => {
    expect(await (await call('GET', '/fleet/hosts')).json()).toEqual({ hosts: [{ agentId: 'a1' }] });
    expect(await (await call('GET', '/fleet/hosts/a1')).json()).toEqual({ host: { agentId: 'a1' }, runs: [] });
    expect((await call('GET', '/fleet/hosts/a1/workflows')).status).toBe(200);
    expect(await (await call('GET', '/fleet/preview?workflowName=deploy')).json()).toMatchObject({ workflowName: 'deploy' });
    expect((await call('GET', '/fleet/preview')).status).toBe(400);
    const declared = await call('POST', '/fleet/hosts', { agentId: 'a2', labels: ['linux'], properties: { cpu: 8 } });
    expect(declared.status).toBe(200);
    expect((await call('POST', '/fleet/hosts', { agentId: 'a3', properties: { nested: { no: true } } })).status).toBe(400);
    expect((await call('DELETE', '/fleet/hosts/a1')).status).toBe(200);
    expect((await call('DELETE', '/fleet/hosts/ghost')).status).toBe(404);
    await auditSealed(suite.db);
    const actions = await suite.db.query<{ action: string; target_id: string }>("SELECT action, target_id FROM audit_events WHERE action LIKE 'fleet.%' ORDER BY seq");
    expect(actions).toEqual([
      { action: 'fleet.host.declare', target_id: 'a2' },
      { action: 'fleet.host.remove', target_id: 'a1' },
    ]);
  });

  it('serves backends and scalers; syncs are audited and honour the write policy; permissions gate each', async () => {
    expect(await (await call('GET', '/backends')).json()).toEqual({ backends: [{ name: 'vault' }] });
    expect(await (await call('GET', '/backends/vault')).json()).toEqual({ backend: { name: 'vault' } });
    expect(await (await call('POST', '/backends/vault/sync')).json()).toEqual({ synced: true, scopeCount: 3 });
    expect(await (await call('POST', '/backends/vault/test')).json()).toEqual({ ok: true, latencyMs: 4 });
    const refused = await call('POST', '/backends/sync');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'operation_disabled', operation: 'backends.sync' });
    expect(await (await call('GET', '/diagnostics/scalers')).json()).toEqual({ scalers: [] });
    expect(await (await call('GET', '/diagnostics/scalers/agents')).json()).toEqual({ scalerName: null, agents: [] });
    expect(await (await call('GET', '/diagnostics/scalers/agents?scalerName=k8s')).json()).toEqual({ scalerName: 'k8s', agents: [] });
    const audited = await suite.db.query<{ action: string }>("SELECT action FROM audit_events WHERE action LIKE 'backend.%'");
    expect(audited).toEqual([{ action: 'backend.sync_one' }]);

    const member = await join(suite.platform, suite.orgId, suite.owner, 'member@example.com', [await roleId(suite.platform, suite.owner, suite.orgId, 'Member')]);
    const denied = await call('POST', '/backends/vault/sync', undefined, member.token);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: 'Insufficient permission: secrets.admin needed' });
  });
});
