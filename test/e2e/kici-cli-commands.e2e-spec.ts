import type { z } from 'zod';
import * as cli from '../support/cli-schemas.js';
import { eventually } from '../support/eventually.js';
import { orchestratorFrames } from '../support/golden-frames.js';
import { cliRequest, type CliRequest, dashboardBody, type EndpointStyle } from '../support/kici-cli-requests.js';
import { type Frame, SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite } from '../support/suites.js';

/** The answer body of the first captured real response of `type` (orchestrator v0.1.24). */
function golden(type: string): Record<string, unknown> {
  const { type: _t, requestId: _r, ...body } = orchestratorFrames(type)[0]!;
  return body;
}

/**
 * Each kici CLI command's requests, as the CLI sends them (headers, bodies, the endpoint's trailing
 * slash), against the real Platform and a simulated orchestrator answering with captured real frames;
 * every zod-validated response must pass the CLI's schema (cli-contract Appendix A, re-declared).
 */
describe('kici CLI v0.1.24 commands, request for request', () => {
  const suite = orgSuite('CLI Co');
  let orch: SimulatedOrchestrator;
  let endpoint: string;

  const send = (style: EndpointStyle, request: CliRequest): Promise<Response> => cliRequest(endpoint, style, suite.owner.token, request);
  async function dashboard<T extends z.ZodType>(request: CliRequest, schema: T): Promise<z.infer<T>> {
    const response = await send('strip-one', request);
    const body = await dashboardBody(response);
    expect({ path: request.path, status: response.status }).toEqual({ path: request.path, status: 200 });
    return schema.parse(body);
  }
  const org = (path: string): string => `/orgs/${suite.orgId}${path}`;

  beforeAll(async () => {
    endpoint = `${suite.platform.origin}/`; // as configured by users: with a trailing slash
    const { key } = (await (await suite.call(suite.owner.token, 'POST', org('/orchestrator-keys'), { name: 'cli' })).json()) as { key: string };
    ({ orch } = await SimulatedOrchestrator.connect(`${suite.platform.origin.replace('http', 'ws')}/ws`, key));
    await orch.request({ type: 'source.register', messageId: 'm', sources: [], clusterName: 'eu-1', version: '0.1.24' }, 'source.register.ack');
    for (const type of ['dashboard.environments.list', 'dashboard.diagnostics', 'test.relay.uploads.init', 'test.relay.trigger']) {
      const body = golden(`${type}.response`);
      orch.answer(type, () => body);
    }
    // The captured detail and registrations are empty; these carry every field the CLI reads, so its schemas bite.
    const step = (stepIndex: number) => ({ stepIndex, stepName: `step ${stepIndex}`, status: 'success', startedAt: 1, completedAt: 2, durationMs: 1, exitCode: 0, errorMessage: null });
    orch.answer('dashboard.run.detail', () => ({
      ...golden('dashboard.run.detail.response'),
      jobs: [{ jobId: 'j1', jobName: 'build', status: 'success', matrixValues: null, startedAt: 1, completedAt: 3, durationMs: 2, agentId: 'a1', errorMessage: null, steps: [step(0), step(1)] }],
    }));
    orch.answer('dashboard.registrations.list', () => ({
      ...golden('dashboard.registrations.list.response'),
      registrations: [
        {
          id: 'reg-1',
          repoIdentifier: 'acme/api',
          workflowName: 'ci',
          createdAt: '2026-11-01T00:00:00Z',
          updatedAt: '2026-11-02T00:00:00Z',
          triggerTypes: ['push'],
          triggers: [{ type: 'push' }],
          sourceRepos: ['acme/api'],
          lastTriggeredAt: null,
          nextFireAt: null,
        },
      ],
    }));
    orch.answer('dashboard.step.logs', (request) => ({ lines: [`step ${String(request.stepIndex)}`], totalLines: 1 }));
    orch.answer('run.rerun.request', () => ({ newRunId: 'cli-run-2' }));
    orch.answer('run.cancel.request', () => ({ cancelledJobs: 1 }));
    orch.answer('dashboard.held-runs.list', (request) => ({ heldRuns: [{ id: 'hold-1', runId: request.runId, status: 'pending', holdScope: 'workflow' }] }));
    orch.answer('dashboard.held-runs.approve', () => ({}));
    orch.answer('dashboard.held-runs.reject', () => ({}));
    let statusCalls = 0;
    orch.answer('test.relay.run.status', (request) => {
      statusCalls += 1;
      const done = statusCalls > 1;
      return { runId: request.runId, status: done ? 'success' : 'running', done, jobs: [{ jobId: 'j1', jobName: 'build', status: done ? 'success' : 'running' }] };
    });
    const log = ['compiling', 'testing', 'done'];
    orch.answer('test.relay.run.logs', (request) => {
      const cursor = Number(request.cursor);
      const lines = log.slice(cursor, cursor + 2);
      return { lines, nextCursor: cursor + lines.length, done: cursor + lines.length >= log.length };
    });
    orch.send({ type: 'execution.status', messageId: 'e', runId: 'cli-run', workflowName: 'ci', status: 'running', startedAt: Date.now(), timestamp: Date.now(), ref: 'refs/heads/main', repoIdentifier: 'acme/api' });
    await eventually(async () => expect((await suite.db.query("SELECT 1 FROM runs WHERE run_id = 'cli-run'")).length).toBe(1));
  });

  afterAll(() => orch?.close());

  it('org list / use / current: GET user/orgs through the un-stripped endpoint', async () => {
    const response = await send('keep-slash', { method: 'GET', path: '/user/orgs' });
    expect(response.status).toBe(200);
    const { orgs } = (await response.json()) as { orgs: { id: string; displayName: string; isOwner: boolean }[] };
    expect(orgs).toEqual(expect.arrayContaining([expect.objectContaining({ id: suite.orgId, displayName: 'CLI Co', isOwner: true })]));
  });

  it('orchestrators list / use', async () => {
    const response = await send('keep-slash', { method: 'GET', path: org('/orchestrators') });
    const { orchestrators } = (await response.json()) as { orchestrators: { clusterName: string | null; routingKeys: string[]; orchVersion: string | null }[] };
    expect(orchestrators).toEqual([expect.objectContaining({ clusterName: 'eu-1', routingKeys: [], orchVersion: '0.1.24' })]);
  });

  it('run remote: init, trigger, the 750 ms poll loop until both status and logs are done, held-runs checks', async () => {
    const query = '?defaultCluster=eu-1';
    const init = (await (await send('strip-all', { method: 'POST', path: org(`/test/uploads/init${query}`), body: { sha: '95c2aa', fileCount: 39, compressedSize: 15130 } })).json()) as {
      uploadId: string;
      signedUrl: string;
      publicKey: string;
    };
    expect(init).toEqual(expect.objectContaining({ uploadId: expect.any(String), signedUrl: expect.any(String), publicKey: expect.any(String) }));
    const triggerBody = {
      fixtureId: 'push-main',
      event: { type: 'push', targetBranch: 'main', payload: { ref: 'refs/heads/main', repository: { full_name: 'acme/api', provider: 'github' } } },
      uploadId: init.uploadId,
      cliPublicKey: 'MCowBQYDK2VuAyEA',
      inlineLockFile: '{}',
      fullRepo: true,
      checkMode: 'apply',
    };
    const triggered = (await (await send('strip-all', { method: 'POST', path: org(`/test/trigger${query}`), body: triggerBody })).json()) as { runId: string; status: string };
    expect(triggered.status).toBe('accepted');
    const sentTrigger = await orch.next('test.relay.trigger');
    expect(sentTrigger).toMatchObject({ ...triggerBody, routingKey: `remote:${suite.orgId}` });

    const printed: string[] = [];
    let cursor = 0;
    for (let tick = 0; tick < 20; tick += 1) {
      const logs = (await (await send('strip-all', { method: 'GET', path: org(`/test/runs/${triggered.runId}/logs?cursor=${cursor}&defaultCluster=eu-1`) })).json()) as {
        lines: string[];
        nextCursor: number;
        done: boolean;
      };
      printed.push(...logs.lines);
      cursor = logs.nextCursor;
      const status = (await (await send('strip-all', { method: 'GET', path: org(`/test/runs/${triggered.runId}${query}`) })).json()) as { status: string; done: boolean };
      if (!status.done) {
        const held = await send('keep-slash', { method: 'GET', path: org(`/held-runs?runId=${encodeURIComponent(triggered.runId)}`) });
        expect(held.status).toBe(200);
      }
      if ((status.done || ['success', 'failed', 'cancelled', 'error'].includes(status.status)) && logs.done) {
        expect(status.status).toBe('success');
        expect(printed).toEqual(['compiling', 'testing', 'done']);
        return;
      }
    }
    throw new Error('the poll loop never ended');
  });

  it('runs list / show / logs / rerun / cancel / cancel --branch pass the CLI’s schemas', async () => {
    const list = await dashboard({ method: 'GET', path: org('/runs?status=running&branch=main&repository=acme/api') }, cli.runList);
    expect(list.runs.map((run) => run.runId)).toEqual(['cli-run']);
    expect(list.pageSize).toBe(20);
    await dashboard({ method: 'GET', path: org('/runs/cli-run') }, cli.runShow);
    const detail = await dashboard({ method: 'GET', path: org('/runs/cli-run/detail') }, cli.runDetail);
    const printed: string[] = [];
    for (const job of detail.jobs) {
      for (const step of job.steps) printed.push(...(await dashboard({ method: 'GET', path: org(`/runs/cli-run/jobs/${job.jobId}/steps/${step.stepIndex}/logs`) }, cli.stepLogs)).lines);
    }
    expect(printed).toEqual(['step 0', 'step 1']);
    expect(await dashboard({ method: 'POST', path: org('/runs/cli-run/rerun') }, cli.rerun)).toEqual({ newRunId: 'cli-run-2' });
    expect(await dashboard({ method: 'POST', path: org('/runs/cli-run/cancel'), body: { force: false } }, cli.cancel)).toEqual({ cancelledJobs: 1 });
    await dashboard({ method: 'POST', path: org('/runs/cancel-by-branch'), body: { branch: 'main' } }, cli.cancelByBranch);
  });

  it('secrets list / types, diagnostics, workflows list pass the CLI’s schemas', async () => {
    await dashboard({ method: 'GET', path: org('/environments?includeSecrets=true') }, cli.environments);
    const [summary, infrastructure] = await Promise.all([
      dashboard({ method: 'GET', path: org('/diagnostics') }, cli.diagnosticsSummary),
      dashboard({ method: 'GET', path: org('/diagnostics/infrastructure') }, cli.infrastructure),
    ]);
    expect(summary.connections.length).toBeGreaterThan(0);
    expect(infrastructure.orchestrators.length).toBeGreaterThan(0);
    const { registrations } = await dashboard({ method: 'GET', path: org('/registrations?triggerType=push&repoIdentifier=acme/api') }, cli.registrations);
    expect(registrations?.map((registration) => registration.workflowName)).toEqual(['ci']);
  });

  it('approve and reject: list the holds of a run, then decide (no body / {reason})', async () => {
    const listed = await send('keep-slash', { method: 'GET', path: org(`/held-runs?runId=${encodeURIComponent('cli-run')}`) });
    const { heldRuns } = (await listed.json()) as { heldRuns: { id: string; status: string }[] };
    const pending = heldRuns.filter((hold) => hold.status === 'pending');
    expect(pending).toHaveLength(1);
    const seen = orch.received.length;
    expect((await send('keep-slash', { method: 'POST', path: org(`/held-runs/${pending[0]!.id}/approve`) })).ok).toBe(true);
    expect((await send('keep-slash', { method: 'POST', path: org(`/held-runs/${pending[0]!.id}/reject`), body: { reason: 'rejected via kici run' } })).ok).toBe(true);
    const decisions = orch.received.slice(seen).filter((frame: Frame) => frame.type.startsWith('dashboard.held-runs.'));
    expect(decisions.map((frame) => [frame.type, frame.heldRunId, frame.reason])).toEqual([
      ['dashboard.held-runs.approve', 'hold-1', undefined],
      ['dashboard.held-runs.reject', 'hold-1', 'rejected via kici run'],
    ]);
  });

  it('with the orchestrator gone: runs list still answers from the Platform, runs detail is 503', async () => {
    orch.close();
    await orch.closed;
    await eventually(async () => expect((await send('strip-one', { method: 'GET', path: org('/runs/cli-run/detail') })).status).toBe(503));
    const detail = await send('strip-one', { method: 'GET', path: org('/runs/cli-run/detail') });
    expect(await detail.json()).toMatchObject({ error: 'Orchestrator offline' });
    const list = await dashboard({ method: 'GET', path: org('/runs') }, cli.runList);
    expect(list.runs.map((run) => run.runId)).toContain('cli-run');
  });
});
