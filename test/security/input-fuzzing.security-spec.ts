import fc from 'fast-check';
import type { z } from 'zod';
import { webhookAckSchema } from '../../src/modules/orchestrator-gateway/protocol/webhook-relay-frames.js';
import { capabilitiesUpdateSchema, heartbeatSchema, sourceDeregisterSchema, sourceRegisterSchema } from '../../src/modules/orchestrator-gateway/protocol/inbound-frames.js';
import { executionStatusSchema, jobStatusForwardSchema, runEventSchema, stateReplaySchema, stepStatusForwardSchema } from '../../src/modules/runs/protocol/telemetry-frames.js';
import { routeCatalogue, type CataloguedRoute } from '../../src/observability/openapi/route-catalogue.js';
import { arbitraryFor, jsonSchemaOf, nastyString, NASTY_STRINGS } from '../support/schema-arbitrary.js';
import { eventually } from '../support/eventually.js';
import { SecurityReport } from '../support/security-report.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite } from '../support/suites.js';

const report = new SecurityReport('input-fuzzing');
const RUNS_PER_ROUTE = 10;
const RUNS_PER_FRAME_TYPE = 40;
const BODY_LIMIT = 256 * 1024;
/** Routes left out: disabling the organization would turn every later case into a 403. */
const SKIPPED = new Set(['POST /api/v1/orgs/:orgId/disable']);

/** Frame types the gateway accepts from an orchestrator, with the schema it parses each with. */
const FRAME_SCHEMAS: Record<string, z.ZodType> = {
  heartbeat: heartbeatSchema,
  'source.register': sourceRegisterSchema,
  'source.deregister': sourceDeregisterSchema,
  'orch.capabilities.update': capabilitiesUpdateSchema,
  'webhook.ack': webhookAckSchema,
  'execution.status': executionStatusSchema,
  'job.status.forward': jobStatusForwardSchema,
  'step.status.forward': stepStatusForwardSchema,
  'state.replay': stateReplaySchema,
  'run.event': runEventSchema,
};

/** Sends an empty source.register and waits for its own ack (fuzzed registers may be acked before it). */
async function acknowledged(orch: SimulatedOrchestrator, messageId: string): Promise<void> {
  orch.send({ type: 'source.register', messageId, sources: [] });
  await eventually(async () => expect(orch.received.some((frame) => frame.type === 'source.register.ack' && frame.messageId === messageId)).toBe(true), 10_000);
}

const encode = (value: string): string => {
  try {
    return encodeURIComponent(value) || '%20';
  } catch {
    return 'x'; // a lone surrogate cannot be put in a URL at all
  }
};

/**
 * Property-based fuzzing (fast-check) of every request schema the route table declares and every frame
 * type the gateway takes: no input gets a 500, kills the process or writes half a change (a refused
 * request adds no audit row), nothing pollutes Object.prototype, and oversized, deeply nested and
 * prototype-polluting bodies and frames are refused cleanly.
 */
describe('input fuzzing of every route and frame schema', () => {
  const suite = orgSuite('Fuzz Target', { KICI_AUTH_FAILURES_PER_MINUTE: '0', KICI_BODY_LIMIT_BYTES: String(BODY_LIMIT) });

  const auditRows = async (): Promise<number> => (await suite.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events'))[0]!.n;

  async function check(category: string, label: string, send: () => Promise<Response>): Promise<number> {
    const before = await auditRows();
    const response = await send();
    const text = await response.text();
    report.tried(category);
    // 503/504: a proxied route with no orchestrator connected answers "Orchestrator offline".
    if (response.status >= 500 && response.status !== 503) report.violation(category, `${label} → ${response.status} ${text.slice(0, 300)}`);
    if (response.status >= 400 && (await auditRows()) !== before) report.violation(category, `${label} → ${response.status} but an audit row was written`);
    if (/node_modules|\.ts:\d+|at [A-Za-z]+ \(/.test(text)) report.violation(category, `${label} → leaks a stack`);
    return response.status;
  }

  const request = (method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${suite.platform.origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${suite.owner.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body,
    });

  it('never answers 500 nor writes a partial change, whatever a route is sent', async () => {
    const category = 'HTTP requests fuzzed from route schemas';
    const routes = routeCatalogue(suite.platform.app, '').filter((route) => !SKIPPED.has(`${route.method} ${route.path}`));
    expect(routes.length).toBeGreaterThan(100);
    for (const route of routes) await fuzzRoute(category, route);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await fetch(`${suite.platform.origin}/health`)).status).toBe(200);
    expect(report.violations(category)).toEqual([]);
  }, 240_000);

  async function fuzzRoute(category: string, route: CataloguedRoute): Promise<void> {
    const paramNames = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]!).filter((name) => name !== 'orgId');
    const params = fc.record(Object.fromEntries(paramNames.map((name) => [name, fc.oneof(fc.uuid(), nastyString, arbitraryFor(jsonSchemaOf(route.inputs.params[name]!)).map(String))])));
    const querySchema = route.inputs.query ? jsonSchemaOf(route.inputs.query) : null;
    const query = fc.oneof(arbitraryFor(querySchema), fc.dictionary(fc.constantFrom('limit', 'cursor', 'status', 'q', '__proto__', 'constructor[prototype][polluted]'), nastyString, { maxKeys: 3 }));
    const body = route.inputs.body ? arbitraryFor(jsonSchemaOf(route.inputs.body)) : fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }));
    await fc.assert(
      fc.asyncProperty(params, query, body, async (paramValues, queryValue, bodyValue) => {
        let path = route.path.replace(':orgId', suite.orgId);
        for (const [name, value] of Object.entries(paramValues)) path = path.replace(`:${name}`, encode(String(value)));
        const search = new URLSearchParams();
        if (queryValue && typeof queryValue === 'object') for (const [key, value] of Object.entries(queryValue)) search.append(key, typeof value === 'string' ? value : JSON.stringify(value));
        const url = search.size > 0 ? `${path}?${search.toString()}` : path;
        const sent = route.method === 'GET' || bodyValue === undefined ? undefined : JSON.stringify(bodyValue);
        await check(category, `${route.method} ${url.slice(0, 200)} ${sent?.slice(0, 200) ?? ''}`, () => request(route.method, url, sent));
        return true;
      }),
      { numRuns: RUNS_PER_ROUTE, seed: 4242 },
    );
  }

  it('refuses oversized, deeply nested and prototype-polluting bodies cleanly', async () => {
    const category = 'hostile HTTP bodies';
    const routes = routeCatalogue(suite.platform.app, '').filter((route) => route.inputs.body && !SKIPPED.has(`${route.method} ${route.path}`));
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const deepObject = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const pollution = [
      '{"__proto__":{"polluted":"yes"},"name":"x"}',
      '{"constructor":{"prototype":{"polluted":"yes"}},"name":"x"}',
      '{"name":"x","permissions":{"__proto__":{"admin":"admin"}}}',
    ];
    const oversized = JSON.stringify({ name: 'x'.repeat(BODY_LIMIT + 10) });
    for (const route of routes) {
      const path = route.path.replace(':orgId', suite.orgId).replace(/:[A-Za-z]+/g, '01a22222-2222-7222-8222-222222222222');
      for (const body of [deep, deepObject, ...pollution]) await check(category, `${route.method} ${route.path} ${body.slice(0, 60)}`, () => request(route.method, path, body));
      const status = await check(category, `${route.method} ${route.path} oversized`, () => request(route.method, path, oversized));
      if (status !== 413) report.violation(category, `${route.method} ${route.path} oversized → ${status}`);
      await check(category, `${route.method} ${route.path} as text/plain`, () => request(route.method, path, 'name=x', { 'content-type': 'text/plain' }));
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect((await fetch(`${suite.platform.origin}/health`)).status).toBe(200);
    expect(report.violations(category)).toEqual([]);
  }, 120_000);

  it('treats hostile ids and Unicode names as data, never as paths or SQL', async () => {
    const category = 'hostile ids, filters and names';
    for (const value of NASTY_STRINGS) {
      await check(category, `org id ${JSON.stringify(value.slice(0, 40))}`, () => request('GET', `/api/v1/orgs/${encode(value)}`));
      await check(category, `runs filter ${JSON.stringify(value.slice(0, 40))}`, () => request('GET', `/api/v1/orgs/${suite.orgId}/runs?${new URLSearchParams({ status: value, repo: value, branch: value, workflow: value }).toString()}`));
      await check(category, `audit filter ${JSON.stringify(value.slice(0, 40))}`, () => request('GET', `/api/v1/orgs/${suite.orgId}/audit?${new URLSearchParams({ action: value, actor: value }).toString()}`));
      const created = await request('POST', `/api/v1/orgs/${suite.orgId}/roles`, JSON.stringify({ name: `r ${value}`.slice(0, 100), permissions: { runs: 'read' } }));
      report.tried(category);
      if (created.status === 201) {
        const { id } = (await created.json()) as { id: string };
        const roles = (await (await request('GET', `/api/v1/orgs/${suite.orgId}/roles`)).json()) as { roles: { id: string; name: string }[] };
        // Stored and returned as sent (trimmed), not mangled into something else.
        if (roles.roles.find((role) => role.id === id)?.name !== `r ${value}`.slice(0, 100).trim()) report.violation(category, `role name ${JSON.stringify(value.slice(0, 40))} came back changed`);
      } else if (created.status >= 500) {
        report.violation(category, `role name ${JSON.stringify(value.slice(0, 40))} → ${created.status}`);
      } else {
        await created.arrayBuffer();
      }
    }
    const tables = await suite.db.query<{ n: number }>("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('orgs', 'users', 'audit_events')");
    expect(tables[0]!.n).toBe(3);
    expect(report.violations(category)).toEqual([]);
  });

  it('survives fuzzed frames of every type the gateway accepts, and stays responsive', async () => {
    const category = 'WebSocket frames fuzzed from frame schemas';
    const created = await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'fuzz' });
    const key = ((await created.json()) as { key: string }).key;
    const url = `${suite.platform.origin.replace('http', 'ws')}/ws`;
    const { orch } = await SimulatedOrchestrator.connect(url, key);
    for (const [type, schema] of Object.entries(FRAME_SCHEMAS)) {
      const frames = fc.sample(
        fc.oneof(
          { weight: 4, arbitrary: arbitraryFor(jsonSchemaOf(schema)).map((value) => (value && typeof value === 'object' && !Array.isArray(value) ? { ...value, type } : { type, value })) },
          { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ type, value })) },
        ),
        { numRuns: RUNS_PER_FRAME_TYPE, seed: 7 },
      );
      for (const frame of frames) orch.send(JSON.stringify(frame));
      report.tried(category, frames.length);
    }
    for (const raw of ['not json', '{"type":', '[]', 'null', '{"type":{"__proto__":1}}', `{"type":"execution.status","__proto__":{"polluted":1}}`, `${'['.repeat(50_000)}${']'.repeat(50_000)}`]) {
      orch.send(raw);
      report.tried(category);
    }
    orch.socket.send(Buffer.from([0, 1, 2, 255]), { binary: true });
    // Still the same live session, answering in order after everything above.
    await acknowledged(orch, 'after-fuzz');
    if (orch.socket.readyState !== orch.socket.OPEN) report.violation(category, 'the session was closed by a frame');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    // Unauthenticated sockets: any first frame is refused with a close, never a crash.
    const firsts = fc.sample(arbitraryFor(jsonSchemaOf(FRAME_SCHEMAS.heartbeat!)), { numRuns: 10, seed: 3 });
    for (const first of firsts) {
      const stranger = await SimulatedOrchestrator.open(url);
      stranger.send(JSON.stringify(first));
      const { code } = await stranger.closed;
      report.tried(category);
      if (code !== 4001 && code !== 4005) report.violation(category, `first frame ${JSON.stringify(first).slice(0, 100)} closed with ${code}`);
    }

    // A frame over the 25 MiB limit ends that socket (1009), nothing else.
    const big = await SimulatedOrchestrator.connect(url, key);
    big.orch.send(JSON.stringify({ type: 'heartbeat', timestamp: 1, pad: 'x'.repeat(26 * 1024 * 1024) }));
    expect((await big.orch.closed).code).toBe(1009);
    report.tried(category);
    await acknowledged(orch, 'after-big');
    expect((await fetch(`${suite.platform.origin}/health`)).status).toBe(200);
    orch.close();
    expect(report.violations(category)).toEqual([]);
  }, 120_000);
});
