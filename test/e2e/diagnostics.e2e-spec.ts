import { z } from 'zod';
import { eventually } from '../support/eventually.js';
import { orchestratorFrames } from '../support/golden-frames.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite } from '../support/suites.js';

/** What the CLI's zod schemas require of the two diagnostics answers (cli-contract Appendix A). */
const summarySchema = z.object({
  connections: z.array(z.unknown()),
  executionMetrics: z.object({ totalRuns: z.number(), successRate: z.number(), avgDurationSeconds: z.number(), queuedJobs: z.number(), runningJobs: z.number() }),
  orphanedConnections: z.number(),
});
const infrastructureSchema = z.object({
  orchestrators: z.array(
    z
      .object({
        connectionId: z.string(),
        routingKeys: z.array(z.string()),
        connected: z.boolean(),
        scalerBackends: z.array(z.string()),
        deployment: z.object({ mode: z.enum(['systemd', 'launchd', 'windows', 'compose', 'unknown']), containerName: z.string().nullable(), containerRuntime: z.enum(['podman', 'docker']).nullable() }),
        agentCount: z.number(),
        runningJobs: z.number(),
        queuedJobs: z.number(),
        statefulAgentCount: z.number(),
        pendingLabelGaps: z.array(z.unknown()),
        agents: z.array(z.unknown()),
        scalers: z.array(z.unknown()),
      })
      .passthrough(),
  ),
  alerts: z.array(z.object({ type: z.string(), message: z.string(), severity: z.string() })),
  latestVersion: z.string().optional(),
});

describe('kici diagnostics', () => {
  const suite = orgSuite('Diagnostics Co', { KICI_DASHBOARD_PROXY_TIMEOUT_MS: '500' });
  const golden = orchestratorFrames('dashboard.diagnostics.response')[0]!;
  const { type: _t, requestId: _r, ...goldenAnswer } = golden;
  let healthy: SimulatedOrchestrator;
  let silent: SimulatedOrchestrator;

  beforeAll(async () => {
    const { key } = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'k' })).json()) as { key: string };
    const wsUrl = `${suite.platform.origin.replace('http', 'ws')}/ws`;
    ({ orch: healthy } = await SimulatedOrchestrator.connect(wsUrl, key));
    ({ orch: silent } = await SimulatedOrchestrator.connect(wsUrl, key));
    await healthy.request({ type: 'source.register', messageId: 'm', sources: [], clusterName: 'eu-1', version: '0.1.24', deployment: { mode: 'compose', containerName: 'orch', containerRuntime: 'docker' } }, 'source.register.ack');
    await silent.request({ type: 'source.register', messageId: 'm', sources: [], clusterName: 'us-1', version: '0.1.23' }, 'source.register.ack');
    healthy.answer('dashboard.diagnostics', () => goldenAnswer);
    silent.answer('dashboard.diagnostics', () => null);
    for (const [runId, status, durationMs] of [['a', 'success', 4000], ['b', 'failed', 2000], ['c', 'running', undefined]] as const) {
      healthy.send({ type: 'execution.status', messageId: runId, runId, workflowName: 'w', status, startedAt: Date.now() - 1000, durationMs, timestamp: Date.now() });
    }
    healthy.send({ type: 'job.status.forward', messageId: 'j', runId: 'c', jobId: 'j1', jobName: 'build', status: 'running', timestamp: Date.now() });
    // Frames are projected concurrently: wait until every one of them has landed.
    await eventually(async () => {
      expect((await suite.db.query('SELECT 1 FROM runs WHERE org_id = $1', [suite.orgId])).length).toBe(3);
      expect((await suite.db.query('SELECT 1 FROM run_jobs WHERE org_id = $1', [suite.orgId])).length).toBe(1);
    });
  });

  afterAll(() => {
    healthy?.close();
    silent?.close();
  });

  it('summarises connections and the last day of runs from the Platform’s own data', async () => {
    const body = summarySchema.parse(await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/diagnostics`)).json());
    expect(body.connections).toHaveLength(2);
    expect(body.executionMetrics).toEqual({ totalRuns: 3, successRate: 0.5, avgDurationSeconds: 3, queuedJobs: 0, runningJobs: 1 });
    expect(body.orphanedConnections).toBe(0);
  });

  it('merges every orchestrator’s answer, and lists a silent one with an alert', async () => {
    const body = infrastructureSchema.parse(await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/diagnostics/infrastructure`)).json());
    const eu = body.orchestrators.find((orchestrator) => orchestrator.clusterName === 'eu-1')!;
    expect(eu).toMatchObject({ version: '0.1.24', raftRole: 'candidate', hostname: 'vm', deployment: { mode: 'compose', containerName: 'orch', containerRuntime: 'docker' } });
    const us = body.orchestrators.find((orchestrator) => orchestrator.clusterName === 'us-1')!;
    expect(us).toMatchObject({ agentCount: 0, agents: [], deployment: { mode: 'unknown' } });
    expect(body.alerts).toEqual([expect.objectContaining({ type: 'orchestrator_unreachable', severity: 'warning' })]);
    expect(body.latestVersion).toBe('0.1.24');
    expect(await healthy.next('dashboard.diagnostics')).toMatchObject({ includeAgents: true, actor: { type: 'user' } });
  });
});
