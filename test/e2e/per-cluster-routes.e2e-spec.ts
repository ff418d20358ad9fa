import { orchestratorFrames } from '../support/golden-frames.js';
import { signIn } from '../support/org-fixture.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite } from '../support/suites.js';

/** platform-domain §9.9: every proxied route can be addressed to one cluster as `…/orchestrators/:clusterName/…`. */
describe('per-orchestrator routes', () => {
  const suite = orgSuite('Clusters Co');
  const clusters: Record<string, SimulatedOrchestrator> = {};
  const golden = orchestratorFrames('dashboard.registrations.list.response')[0]!;
  const { type: _t, requestId: _r, ...registrations } = golden;

  const get = (path: string): Promise<Response> => suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}${path}`);

  beforeAll(async () => {
    const { key } = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'k' })).json()) as { key: string };
    for (const name of ['eu-1', 'us-1']) {
      const { orch } = await SimulatedOrchestrator.connect(`${suite.platform.origin.replace('http', 'ws')}/ws`, key);
      await orch.request({ type: 'source.register', messageId: 'm', sources: [], clusterName: name }, 'source.register.ack');
      orch.answer('dashboard.registrations.list', () => ({ ...registrations, registryUpdatedAt: name }));
      orch.answer('dashboard.runs.list', (request) => ({ runs: [{ runId: `${name}-run` }], limit: request.limit }));
      clusters[name] = orch;
    }
  });

  afterAll(() => Object.values(clusters).forEach((orch) => orch.close()));

  it('sends an org route to the cluster the path names, with the same permission and query handling', async () => {
    expect((await get('/registrations')).status).toBe(422);
    const us = await get('/orchestrators/us-1/registrations?triggerType=push');
    expect(us.status).toBe(200);
    expect(await us.json()).toMatchObject({ registryUpdatedAt: 'us-1' });
    expect((await clusters['us-1']!.next('dashboard.registrations.list')).triggerType).toBe('push');
    expect(clusters['eu-1']!.received.map((frame) => frame.type)).not.toContain('dashboard.registrations.list');
    expect(await (await get('/orchestrators/eu-1/registrations')).json()).toMatchObject({ registryUpdatedAt: 'eu-1' });
    expect((await get('/orchestrators/us-1/registrations?colour=red')).status).toBe(400);
  });

  it('answers 422 with the connected names for a cluster that is not connected, another org’s names never, and 403 to outsiders', async () => {
    const missing = await get('/orchestrators/ap-1/registrations');
    expect(missing.status).toBe(422);
    expect(JSON.stringify(await missing.json())).toContain('eu-1');
    const otherOrg = (await (await suite.call(suite.owner.token, 'POST', '/orgs', { name: 'Elsewhere' })).json()) as { id: string };
    const foreign = await suite.call(suite.owner.token, 'GET', `/orgs/${otherOrg.id}/orchestrators/us-1/registrations`);
    expect(foreign.status).toBe(422);
    expect(JSON.stringify(await foreign.json())).not.toContain('eu-1'); // this org's other cluster is not named to the other org
    const stranger = await signIn(suite.platform, 'stranger@example.com');
    const refused = await suite.call(stranger.token, 'GET', `/orgs/${suite.orgId}/orchestrators/us-1/registrations`);
    expect(refused.status).toBe(403);
    expect(clusters['us-1']!.received.filter((frame) => frame.type === 'dashboard.registrations.list')).toHaveLength(1);
  });

  it('lists one cluster’s own runs', async () => {
    expect(await (await get('/orchestrators/eu-1/runs?limit=5')).json()).toEqual({ runs: [{ runId: 'eu-1-run' }], limit: 5 });
    expect((await get('/orchestrators/eu-1/runs?limit=500')).status).toBe(400);
  });

  it('shows one cluster’s 26-row dashboard policy, or the org-wide one', async () => {
    const { key } = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'strict' })).json()) as { key: string };
    const { orch } = await SimulatedOrchestrator.connect(`${suite.platform.origin.replace('http', 'ws')}/ws`, key, { orchRole: 'coordinator', dashboardWrites: { 'secrets.set': false }, policyVersion: 3 });
    await orch.request({ type: 'source.register', messageId: 'm', sources: [], clusterName: 'strict-1' }, 'source.register.ack');
    try {
      type Policy = { clusterName: string | null; policyVersion: number; operations: { operation: string; enabled: boolean; label: string }[] };
      const strict = (await (await get('/orchestrators/strict-1/security/dashboard-policy')).json()) as Policy;
      expect(strict.clusterName).toBe('strict-1');
      expect(strict.policyVersion).toBe(3);
      expect(strict.operations).toHaveLength(26);
      expect(strict.operations.filter((row) => !row.enabled).map((row) => row.operation)).toEqual(['secrets.set']);
      const eu = (await (await get('/orchestrators/eu-1/security/dashboard-policy')).json()) as Policy;
      expect(eu.operations.every((row) => row.enabled)).toBe(true);
      const orgWide = (await (await get('/security/dashboard-policy')).json()) as Policy;
      expect(orgWide.operations.find((row) => row.operation === 'secrets.set')!.enabled).toBe(false);
      expect((await get('/orchestrators/ap-1/security/dashboard-policy')).status).toBe(422);
    } finally {
      orch.close();
    }
  });
});
