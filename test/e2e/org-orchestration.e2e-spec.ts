import { eventually } from '../support/eventually.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite } from '../support/suites.js';

describe('capabilities, sources and rerun lineage', () => {
  const suite = orgSuite('Caps Co');
  let orch: SimulatedOrchestrator;

  beforeAll(async () => {
    const { key } = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'k' })).json()) as { key: string };
    ({ orch } = await SimulatedOrchestrator.connect(`${suite.platform.origin.replace('http', 'ws')}/ws`, key, {
      orchRole: 'coordinator',
      dashboardWrites: { 'secrets.set': false },
      policyVersion: 3,
    }));
    await orch.request(
      { type: 'source.register', messageId: 'm', sources: [{ provider: 'github', routingKey: 'github:5', name: 'App', subtype: 'github_app', slug: 'app' }], clusterName: 'eu-1' },
      'source.register.ack',
    );
    for (const [runId, parent] of [['root', null], ['child-1', 'root'], ['child-2', 'root']] as const) {
      orch.send({ type: 'execution.status', messageId: runId, runId, workflowName: 'w', status: 'success', startedAt: runId === 'root' ? 1 : Number(runId.at(-1)) + 1, timestamp: 1, parentRunId: parent });
    }
    await eventually(async () => expect((await suite.db.query('SELECT 1 FROM runs WHERE org_id = $1', [suite.orgId])).length).toBe(3));
  });

  afterAll(() => orch?.close());

  it('resolves the dashboard-write policy over all 26 operations', async () => {
    const body = (await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/capabilities`)).json()) as { dashboardWrites: Record<string, boolean>; policyVersion: number };
    expect(Object.keys(body.dashboardWrites)).toHaveLength(26);
    expect(body.dashboardWrites['secrets.set']).toBe(false);
    expect(body.dashboardWrites['held_runs.approve']).toBe(true);
    expect(body.policyVersion).toBe(3);
  });

  it('lists registered sources with their webhook URL', async () => {
    expect(await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/sources`)).json()).toEqual({
      sources: [
        {
          routingKey: 'github:5',
          provider: 'github',
          name: 'App',
          subtype: 'github_app',
          slug: 'app',
          webhookUrl: `${suite.platform.origin}/webhook/${suite.orgId}/github`,
          registeredAt: expect.any(String),
        },
      ],
    });
  });

  it('serves rerun lineage from the projection', async () => {
    const body = (await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/runs/root/reruns`)).json()) as { reruns: { runId: string }[] };
    expect(body.reruns.map((run) => run.runId)).toEqual(['child-1', 'child-2']);
  });
});
