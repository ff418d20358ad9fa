import { eventually } from '../support/eventually.js';
import type { TestUser } from '../support/org-fixture.js';
import { ReconnectingOrchestrator } from '../support/reconnecting-orchestrator.js';
import { type Replica, ReplicaFleet, seedOrgWithOrchestratorKeys } from '../support/replica-fleet.js';
import { SecurityReport } from '../support/security-report.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const report = new SecurityReport('replica-failure');

/**
 * Two real Platform processes; the one holding the orchestrator's socket is SIGKILLed (no drain, no
 * goodbye). The orchestrator reconnects to the survivor, proxied requests resume through it, and
 * revocations made on any live replica still reach the others.
 */
describe('a replica killed under its orchestrator', () => {
  let db: TestDatabase;
  const fleet = new ReplicaFleet(() => db.url, { KICI_SECRET_KEY: Buffer.alloc(32, 9).toString('base64') });
  const replica = (name: string): Promise<Replica> => fleet.start(name);
  let owner: TestUser;
  let orgId: string;
  let orchestratorKeys: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ owner, orgId, keys: orchestratorKeys } = await seedOrgWithOrchestratorKeys(db.url, 'Kill Co', ['main', 'doomed']));
  }, 60_000);

  afterAll(async () => {
    await fleet.killAll();
    await db?.drop();
  });

  it('moves the orchestrator to the survivor, resumes proxied requests and keeps revoking', async () => {
    const a = await replica('replica-a');
    const b = await replica('replica-b');
    const liveSockets = [a.ws, b.ws];
    const orch = new ReconnectingOrchestrator(() => liveSockets, orchestratorKeys[0]!, [], {
      'dashboard.registrations.list': () => ({ registrations: [], registryVersion: 1, registryUpdatedAt: 'now' }),
    });
    await orch.start();
    try {
      const registrations = (origin: string): Promise<Response> => fetch(`${origin}/api/v1/orgs/${orgId}/registrations`, { headers: { authorization: `Bearer ${owner.token}` } });
      const [first] = await db.query<{ replica_id: string }>('SELECT replica_id FROM platform_connections WHERE connection_id = $1', [orch.sessions[0]]);
      expect(first!.replica_id).toBe('replica-a');
      expect((await registrations(b.origin)).status).toBe(200);

      // SIGKILL the replica holding the socket: no drain, its session row is left "connected".
      liveSockets.splice(0, 1);
      a.process.kill('SIGKILL');
      expect(await a.process.exit()).toMatchObject({ signal: 'SIGKILL' });
      report.tried('replicas SIGKILLed under an orchestrator');
      const killedAt = Date.now();
      await eventually(async () => expect(orch.sessions.length).toBe(2), 15_000);
      await eventually(async () => expect((await registrations(b.origin)).status).toBe(200), 15_000);
      const resumedAfter = Date.now() - killedAt;
      const [second] = await db.query<{ replica_id: string }>('SELECT replica_id FROM platform_connections WHERE connection_id = $1', [orch.sessions[1]]);
      expect(second!.replica_id).toBe('replica-b');
      // Every request after the switch goes through: none is routed to the dead replica's stale session.
      for (let i = 0; i < 10; i++) {
        report.tried('proxied requests after the kill');
        const status = (await registrations(b.origin)).status;
        if (status !== 200) report.violation('proxied requests after the kill', `request ${i} → ${status} (${resumedAfter} ms after the kill)`);
      }

      // Revocation still propagates: a new replica revokes, the survivor refuses within a second (issue 10).
      const c = await replica('replica-c');
      const made = await fetch(`${c.origin}/api/v1/pats`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'revocable' }) });
      const revocable = (await made.json()) as { id: string; token: string };
      expect((await fetch(`${b.origin}/api/v1/user`, { headers: { authorization: `Bearer ${revocable.token}` } })).status).toBe(200);
      expect((await fetch(`${c.origin}/api/v1/pats/${revocable.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${owner.token}` } })).status).toBe(204);
      report.tried('revocations after the kill', 2);
      const revokedAt = Date.now();
      let afterRevoke = await fetch(`${b.origin}/api/v1/user`, { headers: { authorization: `Bearer ${revocable.token}` } });
      while (afterRevoke.status !== 401 && Date.now() - revokedAt < 1000) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        afterRevoke = await fetch(`${b.origin}/api/v1/user`, { headers: { authorization: `Bearer ${revocable.token}` } });
      }
      if (afterRevoke.status !== 401) report.violation('revocations after the kill', `PAT revoked on C still accepted by B (${afterRevoke.status})`);

      const { orch: doomed } = await SimulatedOrchestrator.connect(b.ws, orchestratorKeys[1]!);
      const [{ id: doomedKeyId }] = await db.query<{ id: string }>("SELECT id FROM orchestrator_keys WHERE name = 'doomed'");
      expect((await fetch(`${c.origin}/api/v1/orgs/${orgId}/orchestrator-keys/${doomedKeyId}`, { method: 'DELETE', headers: { authorization: `Bearer ${owner.token}` } })).status).toBeLessThan(300);
      const closed = await Promise.race([doomed.closed, new Promise<{ code: number }>((resolve) => setTimeout(() => resolve({ code: -1 }), 5000))]);
      if (closed.code !== 4001) report.violation('revocations after the kill', `orchestrator key revoked on C: socket on B closed with ${closed.code}`);
    } finally {
      orch.stop();
    }
    expect(report.violations('proxied requests after the kill')).toEqual([]);
    expect(report.violations('revocations after the kill')).toEqual([]);
  }, 90_000);
});
