import type { TestUser } from '../support/org-fixture.js';
import { eventually } from '../support/eventually.js';
import { ReconnectingOrchestrator } from '../support/reconnecting-orchestrator.js';
import { type Replica, ReplicaFleet, seedOrgWithOrchestratorKeys } from '../support/replica-fleet.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Issue 8 §7: two real Platform processes on one PostgreSQL and nothing else. Requests reach the
 * orchestrator whichever replica they hit; a rolling restart moves the orchestrator to the other replica,
 * and a client that retries 503 (the documented retry) loses no request.
 */
describe('two Platform processes on one database', () => {
  let db: TestDatabase;
  const fleet = new ReplicaFleet(() => db.url, { KICI_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'), KICI_SHUTDOWN_TIMEOUT_MS: '5000' });
  const replica = (name: string): Promise<Replica> => fleet.start(name);
  let owner: TestUser;
  let orgId: string;
  let keys: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ owner, orgId, keys } = await seedOrgWithOrchestratorKeys(db.url, 'Replica Co', ['rolling', 'revoked']));
  }, 60_000);

  afterAll(async () => {
    await fleet.killAll();
    await db?.drop();
  });

  it('serves requests through either replica, revokes across them, and survives a rolling restart', async () => {
    const a = await replica('replica-a');
    const b = await replica('replica-b');
    const registrations = { registrations: [], registryVersion: 1, registryUpdatedAt: 'now' };
    const routingKey = `generic:${orgId}:deploys`;
    // What the load balancer in front of the replicas would do: hand connections to live ones only.
    const liveSockets = new Set([a.ws, b.ws]);
    const orch = new ReconnectingOrchestrator(() => [...liveSockets], keys[0]!, [{ provider: 'generic', routingKey, name: 'deploys', subtype: 'generic_webhook' }], {
      'dashboard.registrations.list': () => registrations,
    });
    await orch.start();
    const onA = orch.sessions[0];
    let streaming = true;
    try {

      // Cross-replica: the socket is on A; B answers through it (proxy and webhook relay).
      const get = (origin: string): Promise<Response> => fetch(`${origin}/api/v1/orgs/${orgId}/registrations`, { headers: { authorization: `Bearer ${owner.token}` } });
      expect((await get(b.origin)).status).toBe(200);
      const hook = await fetch(`${b.origin}/webhook/${orgId}/generic/deploys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"via":"b"}' });
      expect(hook.status).toBe(200);
      expect(orch.relays.map((relay) => relay.body.toString())).toEqual(['{"via":"b"}']);

      // Revocation through A closes a socket held by B with 4001.
      const { orch: doomed } = await SimulatedOrchestrator.connect(b.ws, keys[1]!);
      const [{ id: doomedKeyId }] = await db.query<{ id: string }>("SELECT id FROM orchestrator_keys WHERE name = 'revoked'");
      expect((await fetch(`${a.origin}/api/v1/orgs/${orgId}/orchestrator-keys/${doomedKeyId}`, { method: 'DELETE', headers: { authorization: `Bearer ${owner.token}` } })).status).toBeLessThan(300);
      expect((await doomed.closed).code).toBe(4001);

      // Rolling restart under a steady stream of requests, spread over the live replicas.
      const live = new Set([a.origin, b.origin]);
      let turn = 0;
      const outcomes: { retries: number; ok: boolean; status?: number; body?: string }[] = [];
      /** The documented client behaviour: retry a 503 or a refused connection, shortly, a bounded number of times. */
      async function requestWithRetry(): Promise<void> {
        for (let retries = 0; retries < 30; retries++) {
          const origins = [...live];
          const origin = origins[turn++ % origins.length]!;
          const response = await get(origin).catch(() => null);
          if (response?.status === 200) return void outcomes.push({ retries, ok: true });
          if (response && response.status !== 503) return void outcomes.push({ retries, ok: false, status: response.status, body: await response.text() });
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        outcomes.push({ retries: 30, ok: false });
      }
      const stream = (async () => {
        while (streaming) {
          await requestWithRetry();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();

      // Stop A (SIGTERM: drain, close orchestrators with 1001): the orchestrator moves to B.
      live.delete(a.origin);
      liveSockets.delete(a.ws);
      a.process.kill('SIGTERM');
      expect(await a.process.exit()).toMatchObject({ code: 0 });
      await eventually(async () => expect(orch.sessions.length).toBe(2), 10_000);
      const a2 = await replica('replica-a2');
      live.add(a2.origin);
      liveSockets.add(a2.ws);
      // Then B: the orchestrator moves to the new A.
      live.delete(b.origin);
      liveSockets.delete(b.ws);
      b.process.kill('SIGTERM');
      expect(await b.process.exit()).toMatchObject({ code: 0 });
      await eventually(async () => expect(orch.sessions.length).toBe(3), 10_000);
      // A few more after the second move, however fast the restarts were.
      const afterMoves = outcomes.length;
      await eventually(async () => expect(outcomes.length).toBeGreaterThanOrEqual(afterMoves + 5), 10_000);
      streaming = false;
      await stream;

      expect(onA).not.toBe(orch.sessions[1]);
      expect(outcomes.length).toBeGreaterThan(5);
      expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
      // The retry window is the orchestrator's reconnect: a couple of seconds at most.
      expect(Math.max(...outcomes.map((outcome) => outcome.retries))).toBeLessThanOrEqual(10);
      // The last requests went through the third session, on the restarted replica.
      expect((await get(a2.origin)).status).toBe(200);
      const rows = await db.query<{ replica_id: string; disconnected_at: Date | null }>('SELECT replica_id, disconnected_at FROM platform_connections WHERE connection_id = ANY($1) ORDER BY connected_at', [orch.sessions]);
      // [replica, still connected]
      expect(rows.map((row) => [row.replica_id, row.disconnected_at === null])).toEqual([
        ['replica-a', false],
        ['replica-b', false],
        ['replica-a2', true],
      ]);
    } finally {
      streaming = false;
      orch.stop();
    }
  }, 90_000);
});
