import { eventually } from '../support/eventually.js';
import { orchestratorFrames, retarget } from '../support/golden-frames.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite } from '../support/suites.js';

describe('the runs projection from orchestrator telemetry', () => {
  const suite = orgSuite('Runs Co');
  let orch: SimulatedOrchestrator;

  beforeAll(async () => {
    const { key } = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'runs' })).json()) as { key: string };
    ({ orch } = await SimulatedOrchestrator.connect(`${suite.platform.origin.replace('http', 'ws')}/ws`, key));
    await orch.request({ type: 'source.register', messageId: 'm', sources: [{ provider: 'github', routingKey: 'github:7', name: 'App', subtype: 'github_app' }], clusterName: 'eu-1' }, 'source.register.ack');
  });

  afterAll(() => orch?.close());

  const runRow = async (runId: string): Promise<Record<string, unknown>[]> =>
    suite.db.query('SELECT org_id, status, workflow_name, completed_at, routing_key, cluster_name, repo_identifier, job_count FROM runs WHERE run_id = $1', [runId]);

  it('stores the real execution.status frame under the session’s organization', async () => {
    const golden = retarget(orchestratorFrames('execution.status')[0]!, suite.orgId);
    orch.send(golden);
    const [row] = await eventually(async () => {
      const rows = await runRow(golden.runId as string);
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(row).toMatchObject({ org_id: suite.orgId, status: 'pending', workflow_name: golden.workflowName, routing_key: 'github:7', cluster_name: 'eu-1' });
  });

  it('keeps exactly one correct row after a replay and duplicated, reordered status frames', async () => {
    const runId = crypto.randomUUID();
    const base = { type: 'execution.status', runId, workflowName: 'deploy', startedAt: 1_000, repoIdentifier: 'acme/api', jobCount: 2 };
    orch.send({
      type: 'state.replay',
      messageId: 'replay-1',
      timestamp: 2_000,
      runs: [{ runId, workflowName: 'deploy', status: 'running', jobCount: 2, startedAt: 1_000, routingKey: 'github:7', jobs: [{ jobId: 'j1', jobName: 'build', status: 'running' }] }],
    });
    orch.send({ ...base, messageId: 'a', status: 'success', completedAt: 5_000, durationMs: 4_000, timestamp: 5_000 });
    orch.send({ ...base, messageId: 'b', status: 'running', timestamp: 3_000 }); // late
    orch.send({ ...base, messageId: 'a', status: 'success', completedAt: 5_000, durationMs: 4_000, timestamp: 5_000 }); // duplicate
    orch.send({ ...base, messageId: 'c', status: 'running', timestamp: 9_000 }); // newer but not terminal: a finished run stays finished
    orch.send({ type: 'state.replay', messageId: 'replay-2', timestamp: 2_500, runs: [{ runId, workflowName: 'deploy', status: 'running', jobCount: 2, startedAt: 1_000, jobs: [] }] });
    orch.send({ type: 'job.status.forward', messageId: 'j', runId, jobId: 'j1', jobName: 'build', status: 'success', timestamp: 4_000, environments: ['prod'] });
    orch.send({ type: 'job.status.forward', messageId: 'k', runId, jobId: 'j1', jobName: 'build', status: 'running', timestamp: 3_500 });

    await eventually(async () => {
      const rows = await runRow(runId);
      expect(rows).toEqual([expect.objectContaining({ status: 'success', completed_at: new Date(5_000), repo_identifier: 'acme/api', job_count: 2 })]);
      const jobs = await suite.db.query('SELECT status, environments FROM run_jobs WHERE run_id = $1', [runId]);
      expect(jobs).toEqual([{ status: 'success', environments: ['prod'] }]);
    });
  });

  it('lets a finished state win over a newer unfinished one that arrived first', async () => {
    const runId = crypto.randomUUID();
    const base = { type: 'execution.status', runId, workflowName: 'deploy', startedAt: 1_000 };
    orch.send({ ...base, messageId: 'late-running', status: 'running', timestamp: 9_000 });
    await eventually(async () => expect(await runRow(runId)).toEqual([expect.objectContaining({ status: 'running' })]));
    orch.send({ ...base, messageId: 'done', status: 'failed', completedAt: 5_000, timestamp: 5_000 });
    orch.send({ type: 'job.status.forward', messageId: 'j-late', runId, jobId: 'j1', jobName: 'build', status: 'running', timestamp: 9_000 });
    await eventually(async () => expect(await suite.db.query('SELECT status FROM run_jobs WHERE run_id = $1', [runId])).toEqual([{ status: 'running' }]));
    orch.send({ type: 'job.status.forward', messageId: 'j-done', runId, jobId: 'j1', jobName: 'build', status: 'failed', timestamp: 4_000 });
    await eventually(async () => {
      expect(await runRow(runId)).toEqual([expect.objectContaining({ status: 'failed', completed_at: new Date(5_000) })]);
      expect(await suite.db.query('SELECT status FROM run_jobs WHERE run_id = $1', [runId])).toEqual([{ status: 'failed' }]);
    });
  });

  it('drops frames that break their bounds without closing the session', async () => {
    const runId = crypto.randomUUID();
    orch.send({ type: 'execution.status', messageId: 'x', runId, workflowName: 'w'.repeat(500), status: 'running', startedAt: 1, timestamp: 1 });
    orch.send({ type: 'execution.status', messageId: 'y', runId, workflowName: 'ok', status: 'exploded', startedAt: 1, timestamp: 1 });
    orch.send({ type: 'step.status.forward', messageId: 's', runId, jobId: 'j', jobName: 'j', stepIndex: 0, stepName: 'checkout', state: 'success', timestamp: 1 });
    await eventually(async () => expect(await suite.db.query('SELECT state FROM run_steps WHERE run_id = $1', [runId])).toEqual([{ state: 'success' }]));
    expect(await runRow(runId)).toEqual([]);
    expect(orch.socket.readyState).toBe(orch.socket.OPEN);
  });

  it('keeps the run.event timeline once per event, bounded, and serves it oldest first', async () => {
    const runId = crypto.randomUUID();
    orch.send({ type: 'execution.status', messageId: 'tl', runId, workflowName: 'w', status: 'running', startedAt: 1, timestamp: 1 });
    const dispatch = { type: 'run.event', runId, eventType: 'orchestrator.dispatch', timestampMs: 2_000, sourceService: 'orchestrator', metadata: { queue: 'default' } };
    orch.send({ type: 'run.event', runId, eventType: 'orchestrator.job.started', timestampMs: 3_000, sourceService: 'orchestrator', jobId: 'j1', durationMs: 12.5 });
    orch.send(dispatch);
    orch.send(dispatch); // re-sent after a reconnect
    orch.send({ type: 'run.event', runId, eventType: 'agent.big', timestampMs: 4_000, sourceService: 'agent', metadata: { blob: 'x'.repeat(20_000) } });
    orch.send({ type: 'run.event', runId, eventType: 'bad', timestampMs: -1, sourceService: 'orchestrator' });
    orch.send({ type: 'run.event', runId, eventType: 'spoof', timestampMs: 5_000, sourceService: 'platform', orgId: 'org_aaaaaaaaaaaa' });
    const events = await eventually(async () => {
      const response = await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/runs/${runId}/events`);
      const body = (await response.json()) as { events: { eventType: string; timestampMs: number; metadata: Record<string, unknown>; jobId: string | null; durationMs: number | null }[] };
      expect(body.events).toHaveLength(4);
      return body.events;
    });
    expect(events.map((event) => event.eventType)).toEqual(['orchestrator.dispatch', 'orchestrator.job.started', 'agent.big', 'spoof']);
    expect(events[0]).toMatchObject({ timestampMs: 2_000, metadata: { queue: 'default' }, jobId: null });
    expect(events[1]).toMatchObject({ jobId: 'j1', durationMs: 12.5 });
    expect(events[2]!.metadata).toEqual({ truncated: true, bytes: expect.any(Number) });
    expect(await suite.db.query("SELECT org_id FROM run_events WHERE event_type = 'spoof'")).toEqual([{ org_id: suite.orgId }]);
    expect((await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/runs/never-seen/events`)).status).toBe(404);
    expect(orch.socket.readyState).toBe(orch.socket.OPEN);
  });
});
