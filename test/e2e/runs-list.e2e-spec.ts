import { z } from 'zod';
import { eventually } from '../support/eventually.js';
import { join } from '../support/org-fixture.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite } from '../support/suites.js';

/** The CLI's view of a run list item (cli-contract Appendix A), re-declared to check our answers. */
const nullableString = z.string().nullable();
const userRef = z.object({ sub: z.string(), email: nullableString, displayName: nullableString }).strict().nullable();
const runListItem = z
  .object({
    runId: z.string(),
    workflowName: z.string(),
    status: z.string(),
    repoIdentifier: nullableString,
    sha: nullableString,
    ref: nullableString,
    triggerEvent: nullableString,
    commitMessage: nullableString,
    parentRunId: nullableString,
    originalRunId: nullableString,
    triggeredBy: nullableString,
    cancelledBy: nullableString,
    compileJobId: nullableString,
    repoProvider: nullableString,
    jobCount: z.number().nullable(),
    durationMs: z.number().nullable(),
    startedAt: nullableString,
    completedAt: nullableString,
    triggeredByUser: userRef,
    cancelledByUser: userRef,
    hadCompileJob: z.boolean(),
    localWorkingTree: z.boolean(),
    source: z.object({ routingKey: z.string(), name: nullableString, subtype: nullableString, provider: z.string() }).strict().nullable(),
    failureReason: z.string().optional(),
    environments: z.array(z.string()).optional(),
  })
  .strict();
const runList = z.object({ runs: z.array(runListItem), total: z.number(), page: z.number(), pageSize: z.number(), hasMore: z.boolean() }).strict();

describe('GET /api/v1/orgs/:orgId/runs from the projection', () => {
  const suite = orgSuite('Runs List Co');
  const repos = ['acme/api', 'acme/web', 'other/tool'];

  beforeAll(async () => {
    const { key } = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'k' })).json()) as { key: string };
    const { orch } = await SimulatedOrchestrator.connect(`${suite.platform.origin.replace('http', 'ws')}/ws`, key);
    await orch.request(
      { type: 'source.register', messageId: 'm', sources: [{ provider: 'github', routingKey: 'github:9', name: 'Acme App', subtype: 'github_app' }], clusterName: 'eu-1' },
      'source.register.ack',
    );
    const { sub } = (await (await suite.call(suite.owner.token, 'GET', '/user')).json()) as { sub: string };
    for (let i = 0; i < 25; i += 1) {
      const runId = `run-${String(i).padStart(2, '0')}`;
      orch.send({
        type: 'execution.status',
        messageId: runId,
        runId,
        workflowName: i % 2 ? 'deploy' : 'test',
        status: i < 5 ? 'failed' : 'success',
        repoIdentifier: repos[i % 3],
        ref: i % 4 === 0 ? 'refs/heads/main' : 'refs/heads/feature',
        triggerEvent: i % 2 ? 'push' : 'pull_request:opened',
        startedAt: Date.UTC(2026, 10, 1) + i * 60_000,
        completedAt: Date.UTC(2026, 10, 1) + i * 60_000 + 5_000,
        durationMs: 5_000,
        timestamp: Date.UTC(2026, 10, 1) + i * 60_000 + 5_000,
        triggeredBy: i === 24 ? `user:${sub}` : null,
        failureReason: i < 5 ? 'exit 1' : undefined,
      });
    }
    orch.send({ type: 'job.status.forward', messageId: 'j', runId: 'run-24', jobId: 'b1', jobName: '__build__', status: 'success', timestamp: Date.UTC(2026, 10, 2), environments: ['prod'] });
    await eventually(async () => {
      const [{ n }] = await suite.db.query<{ n: string }>('SELECT count(*) AS n FROM runs WHERE org_id = $1', [suite.orgId]);
      expect(Number(n)).toBe(25);
      expect((await suite.db.query("SELECT 1 FROM run_jobs WHERE run_id = 'run-24'")).length).toBe(1);
    });
    // Served from the projection: no orchestrator needs to be connected.
    orch.close();
    await orch.closed;
  });

  const runs = async (query = ''): Promise<z.infer<typeof runList>> => {
    const response = await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/runs${query}`);
    expect(response.status).toBe(200);
    return runList.parse(await response.json());
  };

  it('answers in the shape the CLI validates, newest first, 20 a page', async () => {
    const first = await runs();
    expect(first).toMatchObject({ total: 25, page: 1, pageSize: 20, hasMore: true });
    expect(first.runs).toHaveLength(20);
    expect(first.runs[0]).toMatchObject({
      runId: 'run-24',
      hadCompileJob: true,
      compileJobId: 'b1',
      environments: ['prod'],
      triggeredByUser: { email: 'owner@example.com' },
      source: { routingKey: 'github:9', name: 'Acme App', subtype: 'github_app', provider: 'github' },
      durationMs: 5000,
    });
    const second = await runs('?page=2');
    expect(second.runs.map((run) => run.runId)).toEqual(['run-04', 'run-03', 'run-02', 'run-01', 'run-00']);
    expect(second.hasMore).toBe(false);
    expect(second.runs[0]).toMatchObject({ status: 'failed', failureReason: 'exit 1' });
  });

  it('filters by status, workflow, branch, repository, trigger type, source and time; limit up to 100', async () => {
    expect((await runs('?status=failed')).total).toBe(5);
    expect((await runs('?workflow=deploy')).total).toBe(12);
    expect((await runs('?branch=main')).total).toBe(7);
    expect((await runs('?repository=acme/web')).total).toBe(8);
    expect((await runs('?triggerType=pull_request')).total).toBe(13);
    expect((await runs('?source=github:9')).total).toBe(25);
    expect((await runs(`?since=${encodeURIComponent(new Date(Date.UTC(2026, 10, 1) + 20 * 60_000).toISOString())}`)).total).toBe(5);
    expect((await runs('?limit=100')).runs).toHaveLength(25);
    expect((await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/runs?limit=101`)).status).toBe(400);
    expect((await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/runs?sort=asc`)).status).toBe(400);
  });

  it('takes since as a look-back too, and sorts by a chosen column either way', async () => {
    expect((await runs('?since=1w')).total).toBe(0); // the fixture's runs are from 2026-11-01
    expect((await runs('?since=520w')).total).toBe(25);
    const byDuration = (await runs('?sort=durationMs&dir=asc&limit=100')).runs.map((run) => run.durationMs).filter((ms): ms is number => ms !== null);
    expect(byDuration.length).toBeGreaterThan(1);
    expect(byDuration).toEqual([...byDuration].sort((a, b) => a - b));
    const byName = (await runs('?sort=workflowName&dir=desc&limit=100')).runs.map((run) => run.workflowName);
    expect(byName).toEqual([...byName].sort().reverse());
    for (const query of ['?since=7y', '?since=yesterday', '?sort=duration', '?dir=up']) {
      expect((await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/runs${query}`)).status).toBe(400);
    }
  });

  it('serves one run, and 404 for an unknown one', async () => {
    const response = await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/runs/run-07`);
    expect(response.status).toBe(200);
    expect(runListItem.parse(((await response.json()) as { run: unknown }).run)).toMatchObject({ runId: 'run-07', repoIdentifier: 'acme/web' });
    expect((await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/runs/nope`)).status).toBe(404);
  });

  it('shows a member only the repositories their roles allow, counts included', async () => {
    const member = await join(suite.platform, suite.orgId, suite.owner, 'scoped@example.com');
    const role = (await (
      await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/roles`, { name: 'API only', permissions: { runs: 'read' }, repoPatterns: ['acme/api'] })
    ).json()) as { id: string };
    await suite.call(suite.owner.token, 'PUT', `/orgs/${suite.orgId}/members/${member.userId}/roles/${role.id}`);
    const { roles } = (await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/roles`)).json()) as { roles: { id: string; name: string }[] };
    await suite.call(suite.owner.token, 'DELETE', `/orgs/${suite.orgId}/members/${member.userId}/roles/${roles.find((r) => r.name === 'Member')!.id}`);

    const response = await suite.call(member.token, 'GET', `/orgs/${suite.orgId}/runs?limit=100`);
    const page = runList.parse(await response.json());
    expect(page.total).toBe(9);
    expect(new Set(page.runs.map((run) => run.repoIdentifier))).toEqual(new Set(['acme/api']));
    expect((await suite.call(member.token, 'GET', `/orgs/${suite.orgId}/runs/run-01`)).status).toBe(404);
    expect((await suite.call(member.token, 'GET', `/orgs/${suite.orgId}/runs/run-00`)).status).toBe(200);
  });
  it('keeps no stale page: a change made anywhere (here SQL, as another replica or an operator) shows within a second', async () => {
    const list = async (): Promise<z.infer<typeof runList>> => runList.parse(await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/runs?limit=100`)).json());
    const before = await list();
    expect(await list()).toEqual(before);
    // Well inside the cache's 5 s lifetime: only the change notification can make these pass.
    const withinASecond = <T>(check: () => Promise<T>): Promise<T> => eventually(check, 1000);

    await suite.db.query(
      `INSERT INTO runs (org_id, run_id, workflow_name, status, repo_identifier, started_at, last_event_at, extra)
       VALUES ($1, 'run-sql', 'sql', 'running', 'acme/api', now(), now(), '{}'::jsonb)`,
      [suite.orgId],
    );
    await withinASecond(async () => {
      const page = await list();
      expect(page.total).toBe(before.total + 1);
      expect(page.runs[0]!.runId).toBe('run-sql');
    });

    await suite.db.query("INSERT INTO run_jobs (org_id, run_id, job_id, job_name, status, environments, last_event_at, extra) VALUES ($1, 'run-sql', 'j1', 'build', 'running', '[\"staging\"]'::jsonb, now(), '{}'::jsonb)", [suite.orgId]);
    await withinASecond(async () => expect((await list()).runs[0]!.environments).toEqual(['staging']));

    const run24 = (page: z.infer<typeof runList>) => page.runs.find((run) => run.runId === 'run-24')!;
    const name = run24(await list()).triggeredByUser!.displayName;
    await suite.db.query("UPDATE users SET display_name = 'Renamed Owner' WHERE email = $1", [run24(await list()).triggeredByUser!.email]);
    await withinASecond(async () => expect(run24(await list()).triggeredByUser!.displayName).toBe('Renamed Owner'));
    await suite.db.query('UPDATE users SET display_name = $2 WHERE email = $1', [run24(await list()).triggeredByUser!.email, name]);

    await suite.db.query("DELETE FROM run_jobs WHERE run_id = 'run-sql'");
    await suite.db.query("DELETE FROM runs WHERE run_id = 'run-sql'");
    await withinASecond(async () => expect(await list()).toEqual(before));
  });
});
