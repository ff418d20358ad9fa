import { eventually } from '../support/eventually.js';
import { orchestratorFrames } from '../support/golden-frames.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite, secondReplica } from '../support/suites.js';
import { type RunningTestApp } from '../support/test-app.js';

const REGISTRATIONS = 'dashboard.registrations.list';

describe('the dashboard proxy: HTTP → orchestrator → HTTP', () => {
  const suite = orgSuite('Proxy Co', { KICI_DASHBOARD_PROXY_TIMEOUT_MS: '700' });
  const replica = secondReplica(suite, { KICI_DASHBOARD_PROXY_TIMEOUT_MS: '700' });
  let key: string;
  const open: SimulatedOrchestrator[] = [];
  const golden = orchestratorFrames('dashboard.registrations.list.response')[0]!;
  const { type: _type, requestId: _requestId, ...goldenBody } = golden;

  const wsOf = (app: RunningTestApp): string => `${app.origin.replace('http', 'ws')}/ws`;
  const registrations = (app: RunningTestApp, query = ''): Promise<Response> =>
    fetch(`${app.origin}/api/v1/orgs/${suite.orgId}/registrations${query}`, { headers: { authorization: `Bearer ${suite.owner.token}` } });

  async function orchestrator(app: RunningTestApp, clusterName: string, capabilities: Record<string, unknown> = { orchRole: 'coordinator' }): Promise<SimulatedOrchestrator> {
    const { orch } = await SimulatedOrchestrator.connect(wsOf(app), key, capabilities);
    await orch.request({ type: 'source.register', messageId: 'm', sources: [], clusterName, version: '0.1.24' }, 'source.register.ack');
    open.push(orch);
    return orch;
  }

  beforeAll(async () => {
    key = ((await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'proxy' })).json()) as { key: string }).key;
  });

  afterEach(() => SimulatedOrchestrator.closeAll(open));

  it('answers 503 when no orchestrator is connected', async () => {
    const response = await registrations(suite.platform);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: 'Orchestrator offline', code: 'GATEWAY.ORCHESTRATOR_OFFLINE' });
  });

  it('forwards with a fresh requestId and the caller’s actor, and returns the orchestrator’s answer', async () => {
    const orch = await orchestrator(suite.platform, 'eu-1');
    orch.answer(REGISTRATIONS, () => goldenBody);
    const response = await registrations(suite.platform, '?triggerType=push');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(goldenBody);
    const request = await orch.next(REGISTRATIONS);
    const { sub } = (await (await suite.call(suite.owner.token, 'GET', '/user')).json()) as { sub: string };
    expect(request).toEqual({ type: REGISTRATIONS, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), actor: { type: 'user', sub }, triggerType: 'push' });
  });

  it('reaches an orchestrator held by another replica', async () => {
    const orch = await orchestrator(suite.platform, 'eu-1');
    orch.answer(REGISTRATIONS, () => goldenBody);
    const response = await registrations(replica.app);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(goldenBody);
  });

  it('carries answers larger than a notification across replicas', async () => {
    const orch = await orchestrator(suite.platform, 'eu-1');
    const big = { registrations: Array.from({ length: 300 }, (_, i) => ({ id: `reg-${i}`, workflowName: 'w'.repeat(40) })), registryVersion: 1, registryUpdatedAt: 'now' };
    orch.answer(REGISTRATIONS, () => big);
    const response = await registrations(replica.app);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(big);
    expect(await suite.db.query('SELECT id FROM proxy_messages')).toEqual([]);
  });

  it('answers 504 when the orchestrator stays silent, and ignores answers from another connection', async () => {
    const silent = await orchestrator(suite.platform, 'eu-1');
    silent.answer(REGISTRATIONS, () => null);
    const impostor = await orchestrator(suite.platform, 'eu-1');
    impostor.answer(REGISTRATIONS, () => null);
    const pending = registrations(suite.platform);
    const request = await Promise.race([silent.next(REGISTRATIONS), impostor.next(REGISTRATIONS)]);
    const receiver = silent.received.some((frame) => frame.requestId === request.requestId) ? silent : impostor;
    const other = receiver === silent ? impostor : silent;
    // Same org, same requestId, wrong connection: must not be taken as the answer.
    other.send({ type: `${REGISTRATIONS}.response`, requestId: request.requestId as string, registrations: [], registryVersion: 666, registryUpdatedAt: 'forged' });
    const response = await pending;
    expect(response.status).toBe(504);
    expect(await response.json()).toMatchObject({ error: 'Orchestrator timed out', code: 'GATEWAY.ORCHESTRATOR_TIMEOUT' });
  });

  it('answers 501 without forwarding when the orchestrator does not support the request', async () => {
    const orch = await orchestrator(suite.platform, 'eu-1', { orchRole: 'coordinator', supportedDashboardRequests: ['dashboard.runs.list'] });
    const response = await registrations(suite.platform);
    expect(response.status).toBe(501);
    expect(await response.json()).toMatchObject({ code: 'GATEWAY.UNSUPPORTED_REQUEST', orchVersion: '0.1.24', requestType: REGISTRATIONS });
    expect(orch.received.filter((frame) => frame.type === REGISTRATIONS)).toEqual([]);
  });

  it('maps the orchestrator’s policy denial to 403 with its envelope', async () => {
    const orch = await orchestrator(suite.platform, 'eu-1');
    orch.answer(REGISTRATIONS, () => ({
      error: 'operation_disabled',
      operation: 'registration.disable',
      category: 'Registrations',
      label: 'Disable registration',
      message: 'This orchestrator has disabled "Disable registration" via dashboard.',
      cliEquivalent: 'kici-admin registration disable',
    }));
    const response = await registrations(suite.platform);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      error: 'operation_disabled',
      operation: 'registration.disable',
      category: 'Registrations',
      cliEquivalent: 'kici-admin registration disable',
    });
  });

  it('refuses a write the orchestrator’s policy disables, with the documented envelope, without sending it', async () => {
    const orch = await orchestrator(suite.platform, 'eu-1', { orchRole: 'coordinator', dashboardWrites: { 'registration.disable': false } });
    const { OrchestratorProxy } = await import('../../src/modules/orchestrator-gateway/index.js');
    const proxy = suite.platform.app.get(OrchestratorProxy);
    await expect(proxy.request(suite.orgId, { type: 'system', component: 'test' }, 'dashboard.registration.disable', { registrationId: 'r1' })).rejects.toMatchObject({
      code: 'GATEWAY.OPERATION_DISABLED',
      message: 'operation_disabled',
      details: {
        operation: 'registration.disable',
        category: 'Registrations',
        label: 'Disable registration',
        message: 'This orchestrator has disabled "Disable registration" via dashboard.',
        cliEquivalent: 'kici-admin registration disable',
      },
    });
    expect(orch.received.some((frame) => frame.type === 'dashboard.registration.disable')).toBe(false);
  });

  it('answers 422 ambiguous_cluster when several clusters are connected', async () => {
    await orchestrator(suite.platform, 'eu-1');
    await orchestrator(replica.app, 'us-1');
    // Replica B announces its new cluster after commit; on a starved machine this replica may route one
    // more request to the only cluster it knew (here unanswered: 504) before the notification arrives.
    const response = await eventually(async () => {
      const answer = await registrations(suite.platform);
      expect(answer.status).toBe(422);
      return answer;
    }, 5000);
    expect(await response.json()).toMatchObject({ error: 'ambiguous_cluster', clusters: ['eu-1', 'us-1'], message: expect.any(String) });
  });

  it('fails pending requests with 503 as soon as the connection drops', async () => {
    const orch = await orchestrator(suite.platform, 'eu-1');
    orch.answer(REGISTRATIONS, () => {
      setTimeout(() => orch.socket.terminate(), 20);
      return null;
    });
    const startedAt = Date.now();
    const response = await registrations(suite.platform);
    expect(response.status).toBe(503);
    expect(Date.now() - startedAt).toBeLessThan(600);
  });
});
