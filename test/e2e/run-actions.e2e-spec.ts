import { eventually } from '../support/eventually.js';
import { orchestratorFrames } from '../support/golden-frames.js';
import { join } from '../support/org-fixture.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite } from '../support/suites.js';

describe('run actions relayed to the reporting cluster', () => {
  const suite = orgSuite('Run Actions Co');
  let eu: SimulatedOrchestrator;
  let us: SimulatedOrchestrator;
  let sub: string;
  const golden = orchestratorFrames('dashboard.run.detail.response')[0]!;
  const { type: _t, requestId: _r, ...goldenDetail } = golden;

  beforeAll(async () => {
    const { key } = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'k' })).json()) as { key: string };
    const wsUrl = `${suite.platform.origin.replace('http', 'ws')}/ws`;
    const register = async (clusterName: string): Promise<SimulatedOrchestrator> => {
      const { orch } = await SimulatedOrchestrator.connect(wsUrl, key);
      await orch.request({ type: 'source.register', messageId: 'm', sources: [], clusterName }, 'source.register.ack');
      return orch;
    };
    eu = await register('eu-1');
    us = await register('us-1');
    for (const [orch, runId, status] of [[us, 'run-us', 'running'], [us, 'run-done', 'success']] as const) {
      orch.send({ type: 'execution.status', messageId: runId, runId, workflowName: 'deploy', status, startedAt: 1, timestamp: 1, repoIdentifier: 'acme/api' });
    }
    await eventually(async () => expect((await suite.db.query('SELECT run_id FROM runs WHERE org_id = $1', [suite.orgId])).length).toBe(2));
    for (const orch of [eu, us]) {
      orch.answer('dashboard.run.detail', () => goldenDetail);
      orch.answer('dashboard.step.logs', (request) => ({ lines: [`log of step ${String(request.stepIndex)}`], totalLines: 1 }));
      orch.answer('run.rerun.request', () => ({ newRunId: 'run-us-2' }));
      orch.answer('run.cancel.request', () => ({ cancelledJobs: 1 }));
    }
    sub = ((await (await suite.call(suite.owner.token, 'GET', '/user')).json()) as { sub: string }).sub;
  });

  afterAll(() => {
    eu?.close();
    us?.close();
  });

  const base = (): string => `/orgs/${suite.orgId}/runs`;

  it('sends run detail to the cluster that reported the run, even with several clusters connected', async () => {
    const response = await suite.call(suite.owner.token, 'GET', `${base()}/run-us/detail`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(goldenDetail);
    expect(await us.next('dashboard.run.detail')).toMatchObject({ runId: 'run-us', actor: { type: 'user', sub } });
    expect(eu.received.some((frame) => frame.type === 'dashboard.run.detail')).toBe(false);
  });

  it('relays step logs with a numeric step index', async () => {
    const response = await suite.call(suite.owner.token, 'GET', `${base()}/run-us/jobs/j1/steps/2/logs`);
    expect(await response.json()).toEqual({ lines: ['log of step 2'], totalLines: 1 });
    expect((await suite.call(suite.owner.token, 'GET', `${base()}/run-us/jobs/j1/steps/two/logs`)).status).toBe(404);
  });

  it('reruns once per cooldown and audits it', async () => {
    const first = await suite.call(suite.owner.token, 'POST', `${base()}/run-us/rerun`);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ newRunId: 'run-us-2' });
    const second = await suite.call(suite.owner.token, 'POST', `${base()}/run-us/rerun`);
    expect(second.status).toBe(429);
    const audit = await suite.db.query("SELECT payload FROM audit_events WHERE chain_key = $1 AND action = 'run.rerun'", [suite.orgId]);
    expect(audit).toEqual([{ payload: { newRunId: 'run-us-2' } }]);
  });

  it('cancels, records who cancelled, and refuses to cancel a finished run', async () => {
    const response = await suite.call(suite.owner.token, 'POST', `${base()}/run-us/cancel`, { force: true });
    expect(response.status).toBe(200);
    expect(await us.next('run.cancel.request')).toMatchObject({ runId: 'run-us', force: true });
    const [row] = await suite.db.query<{ cancelled_by: string }>("SELECT cancelled_by FROM runs WHERE run_id = 'run-us'");
    expect(row!.cancelled_by).toBe(`user:${sub}`);
    const listed = (await (await suite.call(suite.owner.token, 'GET', `${base()}/run-us`)).json()) as { run: { cancelledByUser: { sub: string } } };
    expect(listed.run.cancelledByUser).toMatchObject({ sub, email: 'owner@example.com' });

    const finished = await suite.call(suite.owner.token, 'POST', `${base()}/run-done/cancel`);
    expect(finished.status).toBe(409);
    expect(await finished.json()).toMatchObject({ error: 'Already in a terminal state.' });
  });

  it('needs runs:write to act and secrets:read to list secret names', async () => {
    const member = await join(suite.platform, suite.orgId, suite.owner, 'reader@example.com');
    const refused = await suite.call(member.token, 'POST', `${base()}/run-us/rerun`);
    expect(refused.status).toBe(403);
    const { roles } = (await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/roles`)).json()) as { roles: { id: string; name: string }[] };
    const noSecrets = (await (
      await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/roles`, { name: 'Env reader', permissions: { environments: 'read' } })
    ).json()) as { id: string };
    await suite.call(suite.owner.token, 'PUT', `/orgs/${suite.orgId}/members/${member.userId}/roles/${noSecrets.id}`);
    await suite.call(suite.owner.token, 'DELETE', `/orgs/${suite.orgId}/members/${member.userId}/roles/${roles.find((role) => role.name === 'Member')!.id}`);
    const secrets = await suite.call(member.token, 'GET', `/orgs/${suite.orgId}/environments?includeSecrets=true`);
    expect(secrets.status).toBe(403);
    expect(await secrets.json()).toMatchObject({ error: 'Insufficient permission: secrets.read needed' });
  });

  it('cancels the unfinished runs of a branch, each on its own cluster, and audits each', async () => {
    const runs = [
      [eu, 'feat-1', 'running', 'refs/heads/feature'],
      [us, 'feat-2', 'pending', 'feature'],
      [us, 'feat-done', 'success', 'refs/heads/feature'],
      [eu, 'main-1', 'running', 'refs/heads/main'],
    ] as const;
    for (const [orch, runId, status, ref] of runs) {
      orch.send({ type: 'execution.status', messageId: runId, runId, workflowName: 'ci', status, startedAt: 2, timestamp: 2, repoIdentifier: 'acme/api', ref });
    }
    await eventually(async () => expect((await suite.db.query("SELECT 1 FROM runs WHERE run_id IN ('feat-1', 'feat-2', 'feat-done', 'main-1')")).length).toBe(4));
    const [euSeen, usSeen] = [eu.received.length, us.received.length];
    const response = await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/runs/cancel-by-branch`, { branch: 'feature' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ cancelledRuns: 2 });
    const cancelled = (orch: SimulatedOrchestrator, seen: number) => orch.received.slice(seen).filter((frame) => frame.type === 'run.cancel.request').map((frame) => frame.runId);
    expect(cancelled(eu, euSeen)).toEqual(['feat-1']);
    expect(cancelled(us, usSeen)).toEqual(['feat-2']);
    const rows = await suite.db.query<{ run_id: string; cancelled_by: string }>("SELECT run_id, cancelled_by FROM runs WHERE run_id IN ('feat-1', 'feat-2') ORDER BY run_id");
    expect(rows).toEqual([{ run_id: 'feat-1', cancelled_by: `user:${sub}` }, { run_id: 'feat-2', cancelled_by: `user:${sub}` }]);
    const audited = await suite.db.query<{ target_id: string }>("SELECT target_id FROM audit_events WHERE action = 'run.cancel' AND payload->>'branch' = 'feature' ORDER BY target_id");
    expect(audited.map((row) => row.target_id)).toEqual(['feat-1', 'feat-2']);
    expect((await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/runs/cancel-by-branch`, { branch: '' })).status).toBe(400);
  });

  it('answers 404 for a run id neither the Platform nor the asked orchestrator knows', async () => {
    eu.answer('dashboard.run.detail', (request) => (request.runId === 'ghost' ? { error: 'Run not found' } : goldenDetail));
    const ghost = await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/orchestrators/eu-1/runs/ghost/detail`);
    expect(ghost.status).toBe(404);
    expect(await ghost.json()).toMatchObject({ error: 'Run not found', code: 'RUNS.NOT_FOUND' });
    const known = await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/orchestrators/eu-1/runs/feat-1/detail`);
    expect(known.status).toBe(200);
  });
});
