import { orchestratorFrames } from '../support/golden-frames.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite } from '../support/suites.js';
import { auditSealed } from '../support/audit-sealing.js';

/** The real orchestrator's first successful answer to `type` in the capture. */
const answerOf = (type: string): Record<string, unknown> => {
  const frames = orchestratorFrames(`${type}.response`);
  const { type: _t, requestId: _r, ...body } = frames.find((frame) => frame.error === undefined) ?? frames[0]!;
  return body;
};

describe('kici run remote through the Platform', () => {
  const suite = orgSuite('Remote Co');
  let key: string;
  let wsUrl: string;
  const open: SimulatedOrchestrator[] = [];

  beforeAll(async () => {
    wsUrl = `${suite.platform.origin.replace('http', 'ws')}/ws`;
    key = ((await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'k' })).json()) as { key: string }).key;
  });

  afterEach(() => SimulatedOrchestrator.closeAll(open));

  async function cluster(name: string): Promise<SimulatedOrchestrator> {
    const { orch } = await SimulatedOrchestrator.connect(wsUrl, key);
    await orch.request({ type: 'source.register', messageId: 'm', sources: [], clusterName: name }, 'source.register.ack');
    for (const type of ['test.relay.uploads.init', 'test.relay.trigger', 'test.relay.run.status', 'test.relay.run.logs', 'test.relay.cancel']) {
      orch.answer(type, () => ({ ...answerOf(type), servedBy: name }));
    }
    open.push(orch);
    return orch;
  }

  const test = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') => suite.call(suite.owner.token, method, `/orgs/${suite.orgId}/test${path}`, body);

  it('answers 422 no_cluster when nothing is connected', async () => {
    const response = await test('/uploads/init', { sha: 'abc', fileCount: 1, compressedSize: 10 });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: 'no_cluster', message: expect.any(String) });
  });

  it('relays the whole flow with the routing key forced to remote:<orgId>', async () => {
    const orch = await cluster('eu-1');
    const init = await test('/uploads/init', { sha: '0123456789abcdef0123456789abcdef01234567', fileCount: 3, compressedSize: 1234 });
    expect(init.status).toBe(200);
    expect(await init.json()).toMatchObject({ ...answerOf('test.relay.uploads.init'), servedBy: 'eu-1' });
    expect(await orch.next('test.relay.uploads.init')).toMatchObject({ routingKey: `remote:${suite.orgId}`, sha: '0123456789abcdef0123456789abcdef01234567', actor: { type: 'user' } });

    const triggerBody = {
      fixtureId: 'push-main',
      event: { type: 'push', targetBranch: 'main', payload: { ref: 'refs/heads/main', repository: { full_name: 'local/kici-proj', provider: 'local' } } },
      workflowName: 'hello-world',
      inlineLockFile: '{"schemaVersion":29}',
      fullRepo: true,
      checkMode: 'apply',
    };
    const triggered = await test('/trigger', triggerBody);
    const trigger = (await triggered.json()) as { runId: string; status: string };
    expect(trigger).toMatchObject({ status: 'accepted', runId: answerOf('test.relay.trigger').runId });
    expect(await orch.next('test.relay.trigger')).toMatchObject({ ...triggerBody, routingKey: `remote:${suite.orgId}` });

    expect(await (await test(`/runs/${trigger.runId}`)).json()).toMatchObject({ servedBy: 'eu-1' });
    expect(await (await test(`/runs/${trigger.runId}/logs?cursor=7`)).json()).toMatchObject({ servedBy: 'eu-1' });
    expect(await orch.next('test.relay.run.logs')).toMatchObject({ runId: trigger.runId, cursor: 7 });
    expect((await test(`/runs/${trigger.runId}/cancel`, {})).status).toBe(200);
    await auditSealed(suite.db, suite.orgId);
    const audit = await suite.db.query<{ action: string }>("SELECT action FROM audit_events WHERE chain_key = $1 AND target_id = $2 ORDER BY seq", [suite.orgId, trigger.runId]);
    expect(audit.map((row) => row.action)).toEqual(['run.trigger', 'run.cancel']);
  });

  it('turns a rejected trigger into 422 with the reason, and never lets the caller pick a routing key', async () => {
    const orch = await cluster('eu-1');
    orch.answer('test.relay.trigger', () => ({ status: 'rejected', reason: 'environment staging does not allow local execution' }));
    const body = { fixtureId: 'f', event: { type: 'push', targetBranch: 'main', payload: {} } };
    const rejected = await test('/trigger', body);
    expect(rejected.status).toBe(422);
    expect(await rejected.json()).toMatchObject({ reason: 'environment staging does not allow local execution', error: 'environment staging does not allow local execution' });
    expect((await test('/trigger', { ...body, routingKey: 'github:1' })).status).toBe(400);
  });

  it('picks ?orchestrator=, then ?defaultCluster=, else refuses with the clusters to choose from', async () => {
    await cluster('eu-1');
    await cluster('us-1');
    const ambiguous = await test('/runs/r1');
    expect(ambiguous.status).toBe(422);
    expect(await ambiguous.json()).toMatchObject({ error: 'ambiguous_cluster', clusters: ['eu-1', 'us-1'] });
    expect(await (await test('/runs/r1?orchestrator=us-1')).json()).toMatchObject({ servedBy: 'us-1' });
    expect(await (await test('/runs/r1?defaultCluster=eu-1')).json()).toMatchObject({ servedBy: 'eu-1' });
    expect(await (await test('/runs/r1?orchestrator=us-1&defaultCluster=eu-1')).json()).toMatchObject({ servedBy: 'us-1' });
    const missing = await test('/runs/r1?orchestrator=ap-1');
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({ error: 'no_cluster' });
  });
});
