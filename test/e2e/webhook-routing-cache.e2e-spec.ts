import { eventually } from '../support/eventually.js';
import { receiveRelays, type ReceivedRelay } from '../support/relay-receiver.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite, secondReplica } from '../support/suites.js';
import { type RunningTestApp } from '../support/test-app.js';

const SOURCE = 'builds';

/**
 * Where a routing key's deliveries may go is kept in memory between deliveries (orchestrator-protocol §2.6:
 * "the pool of connected connections that registered the key"). Every change of that pool — a registration,
 * a deregistration, a connection ending — must show at once on the replica it happened on, and within a
 * notification's time on the others; never only after the cache's TTL.
 */
describe('webhook routing facts kept between deliveries', () => {
  const suite = orgSuite('Routes Co');
  const replica = secondReplica(suite);
  const open: SimulatedOrchestrator[] = [];
  const routingKey = (): string => `generic:${suite.orgId}:${SOURCE}`;
  const post = (app: RunningTestApp = suite.platform): Promise<Response> =>
    fetch(`${app.origin}/webhook/${suite.orgId}/generic/${SOURCE}`, { method: 'POST', body: '{"x":1}', headers: { 'content-type': 'application/json' } });
  const register = (orch: SimulatedOrchestrator): Promise<unknown> =>
    orch.request({ type: 'source.register', messageId: crypto.randomUUID(), sources: [{ provider: 'generic', routingKey: routingKey(), name: SOURCE, subtype: 'generic_webhook' }] }, 'source.register.ack');

  /** An authenticated orchestrator of the org on `app`, acking every relay; registered unless told otherwise. */
  async function orchestrator(app: RunningTestApp = suite.platform, registered = true): Promise<{ orch: SimulatedOrchestrator; relays: ReceivedRelay[] }> {
    const created = await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: `routes-${open.length}` });
    const { key } = (await created.json()) as { key: string };
    const { orch } = await SimulatedOrchestrator.connect(`${app.origin.replace('http', 'ws')}/ws`, key);
    open.push(orch);
    const relays = receiveRelays(orch);
    if (registered) await register(orch);
    return { orch, relays };
  }

  const attemptsOfLatest = async (count: number): Promise<number[]> =>
    (await suite.db.query<{ attempts: number }>('SELECT attempts FROM event_log WHERE org_id = $1 ORDER BY received_at DESC, id DESC LIMIT $2', [suite.orgId, count])).map((row) => row.attempts);

  afterEach(() => SimulatedOrchestrator.closeAll(open));

  it('relays to a connection that registered the key after the candidates were cached, at once', async () => {
    const first = await orchestrator();
    expect((await post()).status).toBe(200); // the candidates [first] are now cached
    const second = await orchestrator(); // registered after: the cache must not hide it
    for (let i = 0; i < 4; i++) expect((await post()).status).toBe(200);
    expect(second.relays.length).toBeGreaterThan(0);
    expect(first.relays.length + second.relays.length).toBe(5);
  });

  it('stops relaying to a connection that deregistered the key, at once', async () => {
    const { orch, relays } = await orchestrator();
    expect((await post()).status).toBe(200);
    await orch.request({ type: 'source.deregister', messageId: crypto.randomUUID(), routingKeys: [routingKey()] }, 'source.deregister.ack');
    const response = await post();
    expect(response.status).toBe(503); // a known source with no orchestrator left
    expect(relays).toHaveLength(1);
  });

  it('forgets a connection that ended: no delivery tries it first', async () => {
    const a = await orchestrator();
    const b = await orchestrator();
    for (let i = 0; i < 2; i++) expect((await post()).status).toBe(200); // both cached, taken in turn
    b.orch.close();
    await b.orch.closed;
    await new Promise((resolve) => setTimeout(resolve, 150)); // the Platform records the close in a batch
    for (let i = 0; i < 2; i++) expect((await post()).status).toBe(200);
    expect(await attemptsOfLatest(2)).toEqual([1, 1]);
    expect(a.relays).toHaveLength(3);
  });

  it('hears of a registration on another replica within a notification, not a TTL', async () => {
    const onA = await orchestrator();
    expect((await post(replica.app)).status).toBe(200); // replica B caches [the connection on A]
    const laterOnA = await orchestrator();
    await eventually(async () => {
      expect((await post(replica.app)).status).toBe(200);
      expect(laterOnA.relays.length).toBeGreaterThan(0);
    }, 2000);
    expect(onA.relays.length).toBeGreaterThan(0);
  });

  it('hears of a connection ending on another replica: its deliveries go to the one left', async () => {
    const staying = await orchestrator();
    const leaving = await orchestrator(replica.app);
    for (let i = 0; i < 2; i++) expect((await post()).status).toBe(200); // replica A caches both
    leaving.orch.close();
    await leaving.orch.closed;
    // Replica B records the close in a batch and notifies; taken in turn, one of the next two would try it first.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = staying.relays.length;
    for (let i = 0; i < 2; i++) expect((await post()).status).toBe(200);
    expect(await attemptsOfLatest(2)).toEqual([1, 1]);
    expect(staying.relays.length).toBe(before + 2);
  });
});
