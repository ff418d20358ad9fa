import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { eventually } from '../support/eventually.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite, secondReplica } from '../support/suites.js';
import { type RunningTestApp } from '../support/test-app.js';

const REGISTRATIONS = 'dashboard.registrations.list';

/**
 * Routing a proxied request reads memory, not the database: the sessions a replica holds come from its
 * session registry, the other replicas' from a view read once per organization and read again when one
 * of them announces a change. (At 10,000 sessions, one read of `platform_connections` per request was
 * the whole cost of the proxy: 14,655 of 15,000 requests failed at 1,000 requests/s.)
 */
describe('routing proxied requests without a database read each', () => {
  const suite = orgSuite('Routing Co');
  const replica = secondReplica(suite);
  let key: string;
  const open: SimulatedOrchestrator[] = [];
  let candidateReads: () => number;

  const wsOf = (app: RunningTestApp): string => `${app.origin.replace('http', 'ws')}/ws`;
  const registrations = (app: RunningTestApp): Promise<Response> =>
    fetch(`${app.origin}/api/v1/orgs/${suite.orgId}/registrations`, { headers: { authorization: `Bearer ${suite.owner.token}` } });

  async function orchestrator(app: RunningTestApp, clusterName: string, registryVersion: number): Promise<SimulatedOrchestrator> {
    const { orch } = await SimulatedOrchestrator.connect(wsOf(app), key);
    await orch.request({ type: 'source.register', messageId: 'm', sources: [], clusterName, version: '0.1.24' }, 'source.register.ack');
    orch.answer(REGISTRATIONS, () => ({ registrations: [], registryVersion, registryUpdatedAt: 'now' }));
    open.push(orch);
    return orch;
  }

  /** Status and (for 200) which orchestrator answered, by the registryVersion it answers with. */
  async function outcome(app: RunningTestApp): Promise<{ status: number; answeredBy?: number }> {
    const response = await registrations(app);
    const body = (await response.json()) as { registryVersion?: number };
    return response.status === 200 ? { status: 200, answeredBy: body.registryVersion } : { status: response.status };
  }

  beforeAll(async () => {
    key = ((await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'routing' })).json()) as { key: string }).key;
    // Replica A's reads of live sessions (a spy: every statement still runs against PostgreSQL).
    const query = jest.spyOn(suite.platform.app.get(DataSource), 'query');
    candidateReads = () => query.mock.calls.filter(([sql]) => /^\s*SELECT[\s\S]*FROM platform_connections/.test(String(sql))).length;
  });

  afterEach(() => SimulatedOrchestrator.closeAll(open));

  afterAll(async () => {
    jest.restoreAllMocks();
  });

  it('routes to the sessions it holds without reading the database, and follows them as they come and go', async () => {
    await orchestrator(suite.platform, 'eu-1', 1);
    // The first request may read what the other replicas hold (nothing); later ones read nothing.
    expect(await outcome(suite.platform)).toEqual({ status: 200, answeredBy: 1 });
    const before = candidateReads();
    for (let i = 0; i < 20; i++) expect(await outcome(suite.platform)).toEqual({ status: 200, answeredBy: 1 });
    expect(candidateReads() - before).toBeLessThanOrEqual(1);

    // A second cluster here makes a request without one ambiguous at once; its going away ends that at once.
    const second = await orchestrator(suite.platform, 'us-1', 2);
    expect((await registrations(suite.platform)).status).toBe(422);
    second.close();
    await second.closed;
    expect(await outcome(suite.platform)).toEqual({ status: 200, answeredBy: 1 });
  });

  it('balances requests over HA siblings it holds', async () => {
    const siblings = [await orchestrator(suite.platform, 'eu-1', 1), await orchestrator(suite.platform, 'eu-1', 2), await orchestrator(suite.platform, 'eu-1', 3)];
    for (let i = 0; i < 9; i++) expect((await registrations(suite.platform)).status).toBe(200);
    expect(siblings.map((orch) => orch.received.filter((frame) => frame.type === REGISTRATIONS).length)).toEqual([3, 3, 3]);
  });

  it('reads another replica’s sessions once, and again only when that replica announces a change', async () => {
    await orchestrator(replica.app, 'eu-1', 1);
    const before = candidateReads();
    for (let i = 0; i < 10; i++) expect(await outcome(suite.platform)).toEqual({ status: 200, answeredBy: 1 });
    // One read (two should the view expire meanwhile), not one per request.
    expect(candidateReads() - before).toBeLessThanOrEqual(2);

    // A cluster registered on B reaches A's view: a request without a cluster becomes ambiguous. (B
    // acknowledges the registration once it heard its own notification back, so A normally has it by then;
    // a starved machine can deliver A's copy a little later.)
    const second = await orchestrator(replica.app, 'us-1', 2);
    await eventually(async () => expect((await registrations(suite.platform)).status).toBe(422), 2000);

    // Its session ending on B reaches A too: no more ambiguity, and no database read per request after it.
    second.close();
    await second.closed;
    await eventually(async () => expect(await outcome(suite.platform)).toEqual({ status: 200, answeredBy: 1 }), 2000);
    const settled = candidateReads();
    for (let i = 0; i < 5; i++) expect(await outcome(suite.platform)).toEqual({ status: 200, answeredBy: 1 });
    expect(candidateReads() - settled).toBeLessThanOrEqual(1);
  });

  it('prefers a sibling it holds to one on another replica, and falls back to the other replica when it has none', async () => {
    await orchestrator(replica.app, 'eu-1', 2);
    const here = await orchestrator(suite.platform, 'eu-1', 1);
    for (let i = 0; i < 3; i++) expect(await outcome(suite.platform)).toEqual({ status: 200, answeredBy: 1 });
    here.close();
    await here.closed;
    expect(await outcome(suite.platform)).toEqual({ status: 200, answeredBy: 2 });
  });
});
