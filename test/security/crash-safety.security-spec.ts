import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryBus } from '@nestjs/cqrs';
import { VerifyAuditChainQuery } from '../../src/modules/audit/index.js';
import { auditSealed } from '../support/audit-sealing.js';
import { eventually } from '../support/eventually.js';
import { MutationLoad } from '../support/mutation-load.js';
import { apiCaller, createOrg, signIn, type TestUser } from '../support/org-fixture.js';
import { PlatformProcess } from '../support/platform-process.js';
import { ReconnectingOrchestrator } from '../support/reconnecting-orchestrator.js';
import { RunTelemetryLoad } from '../support/run-telemetry-load.js';
import { SecurityReport } from '../support/security-report.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp } from '../support/test-app.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const report = new SecurityReport('crash-safety');

const KILLS = 3;
/** How long each process lives under load before it is SIGKILLed (the last one: before the load stops). */
const LIFETIME_MS = 2_500;
const RUNS = 24;

/** The audited changes the load makes: audit action and the table holding what it changed. */
const AUDITED = { api_key: { action: 'api_key.create', table: 'user_api_keys' }, role: { action: 'role.create', table: 'roles' } } as const;

/**
 * A real Platform process SIGKILLed and restarted three times (same data folder, same database) under
 * concurrent audited mutations, outbound webhook deliveries and an orchestrator's run telemetry. After
 * the last restart nothing acknowledged is missing, no change lacks its audit row or has two, the
 * audit chains verify, every outbox delivery is delivered (duplicates only under the same webhook-id),
 * and the runs projection matches the orchestrator's `state.replay`.
 */
describe('crash safety: SIGKILL under load', () => {
  let db: TestDatabase;
  let receiver: WebhookReceiver;
  let owner: TestUser;
  let orgId: string;
  let endpointId: string;
  let orchestratorKey: string;
  const running: PlatformProcess[] = [];
  const env: Record<string, string> = {
    KICI_SECRET_KEY: Buffer.alloc(32, 11).toString('base64'),
    KICI_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    KICI_WEBHOOK_POLL_INTERVAL_MS: '500',
    KICI_WEBHOOK_RETRY_BASE_MS: '200',
    KICI_WEBHOOK_RETRY_MAX_DELAY_MS: '1000',
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    receiver = await WebhookReceiver.start();
    // Users, org, endpoint and orchestrator key through an in-process Platform on the same database.
    const setup = await startTestApp(db.url, { ...env, KICI_WEBHOOK_WORKER: 'false' });
    owner = await signIn(setup, 'crash-safety@example.com');
    orgId = await createOrg(setup, owner, 'Crash Safety Co');
    const call = apiCaller(setup);
    const endpoint = await call(owner.token, 'POST', `/orgs/${orgId}/webhook-endpoints`, { url: `${receiver.origin}/hooks`, eventTypes: ['*'] });
    endpointId = ((await endpoint.json()) as { id: string }).id;
    const key = await call(owner.token, 'POST', `/orgs/${orgId}/orchestrator-keys`, { name: 'crash' });
    orchestratorKey = ((await key.json()) as { key: string }).key;
    await setup.close();
  }, 60_000);

  afterAll(async () => {
    for (const platform of running) platform.kill('SIGKILL');
    await Promise.all(running.map((platform) => platform.exit()));
    await receiver?.close();
    await db?.drop();
  });

  it('keeps every acknowledged change, its audit row, its deliveries and the runs projection', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kici-crash-safety-'));
    let origin: string | null = null;
    const mutations = new MutationLoad(() => (origin ? { origin, token: owner.token, orgId, endpointId } : null));
    const orch = new ReconnectingOrchestrator(() => (origin ? [`${origin.replace('http', 'ws')}/ws`] : ['ws://127.0.0.1:1/ws']), orchestratorKey, [], {});
    const telemetry = new RunTelemetryLoad(() => orch.current, RUNS);

    let platform: PlatformProcess | null = null;
    try {
      for (let life = 0; life <= KILLS; life++) {
        platform = PlatformProcess.start({ ...env, KICI_DATABASE_URL: db.url, KICI_DATA_DIR: dataDir, KICI_PLATFORM_INSTANCE_ID: `crash-${life}` });
        running.push(platform);
        const sessionsBefore = orch.sessions.length;
        origin = await platform.listening();
        if (life === 0) {
          await orch.start();
          // Paced: this is about what survives the kills, not throughput. Unpaced, the Platform acknowledges
          // hundreds of mutations per life, and their outbound deliveries take longer to drain than step 4 waits.
          mutations.start(4, 400);
          telemetry.start(LIFETIME_MS / RUNS);
        }
        await eventually(async () => expect(orch.sessions.length).toBeGreaterThan(sessionsBefore), 15_000);
        await new Promise((resolve) => setTimeout(resolve, LIFETIME_MS));
        if (life === KILLS) break;
        origin = null;
        platform.kill('SIGKILL');
        expect(await platform.exit()).toMatchObject({ signal: 'SIGKILL' });
        report.tried('crash safety · SIGKILLs survived');
      }
      await mutations.stop();
      telemetry.stop();

      // 5. The runs projection converges on the orchestrator's state after its state.replay.
      orch.current!.send(telemetry.replay('crash-replay'));
      const expected = telemetry.runs.map((run) => ({ run_id: run.runId, workflow_name: run.workflowName, status: run.status, job_count: run.jobCount, completed_at: run.completedAt === undefined ? null : new Date(run.completedAt) }));
      await eventually(async () => expect(await db.query('SELECT run_id, workflow_name, status, job_count, completed_at FROM runs WHERE org_id = $1 ORDER BY run_id', [orgId])).toEqual(sortBy(expected, 'run_id')), 15_000);
      report.tried('crash safety · runs converged', expected.length);

      // 4. Every outbox delivery is eventually delivered, and the receiver got each one under its id.
      await eventually(async () => expect(await db.query("SELECT id, status FROM webhook_deliveries WHERE org_id = $1 AND status <> 'delivered'", [orgId])).toEqual([]), 30_000);
      const deliveries = await db.query<{ id: string; body: string }>('SELECT id, body FROM webhook_deliveries WHERE org_id = $1', [orgId]);
      const bodiesById = new Map<string, Set<string>>();
      for (const request of receiver.to('/hooks')) {
        const id = String(request.headers['webhook-id']);
        bodiesById.set(id, (bodiesById.get(id) ?? new Set()).add(request.body));
      }
      for (const delivery of deliveries) {
        report.tried('crash safety · outbox deliveries checked');
        const bodies = bodiesById.get(delivery.id);
        if (!bodies) report.violation('crash safety · outbox deliveries checked', `delivery ${delivery.id} is delivered but never reached the receiver`);
        else if (bodies.size !== 1 || !bodies.has(delivery.body)) report.violation('crash safety · outbox deliveries checked', `webhook-id ${delivery.id} arrived with ${bodies.size} different bodies`);
      }
      // At-least-once: a kill mid-attempt may send one again, always under its webhook-id (counted, not a violation).
      report.tried('crash safety · deliveries received more than once (same webhook-id)', receiver.to('/hooks').length - bodiesById.size);
      const known = new Set(deliveries.map((delivery) => delivery.id));
      for (const id of bodiesById.keys()) if (!known.has(id)) report.violation('crash safety · outbox deliveries checked', `received webhook-id ${id} has no outbox row`);
      for (const ping of mutations.acknowledged.filter((mutation) => mutation.kind === 'ping')) {
        if (!known.has(ping.id)) report.violation('crash safety · outbox deliveries checked', `acknowledged ping ${ping.id} has no outbox row`);
      }

      // 1. Every acknowledged mutation is there, with exactly one audit row.
      for (const mutation of mutations.acknowledged) {
        if (mutation.kind === 'ping') continue;
        report.tried('crash safety · acknowledged mutations checked');
        const { action, table } = AUDITED[mutation.kind];
        const [row] = await db.query<{ count: string }>(`SELECT count(*) FROM ${table} WHERE id = $1`, [mutation.id]);
        const [audit] = await db.query<{ count: string }>('SELECT count(*) FROM audit_events WHERE action = $1 AND target_id = $2', [action, mutation.id]);
        if (row!.count !== '1' || audit!.count !== '1') {
          report.violation('crash safety · acknowledged mutations checked', `${mutation.kind} ${mutation.id}: ${row!.count} row(s), ${audit!.count} audit row(s)`);
        }
      }

      // 2. Committed or not acknowledged, a change and its audit row go together: none without the other.
      for (const { action, table } of Object.values(AUDITED)) {
        const orphans = await db.query<{ target_id: string }>(
          `SELECT a.target_id FROM audit_events a LEFT JOIN ${table} t ON t.id::text = a.target_id WHERE a.org_id = $1 AND a.action = $2 AND t.id IS NULL`,
          [orgId, action],
        );
        const unaudited = await db.query<{ id: string; audits: string }>(
          `SELECT t.id, count(a.id) AS audits FROM ${table} t LEFT JOIN audit_events a ON a.action = $2 AND a.target_id = t.id::text
            WHERE t.org_id = $1 AND t.name LIKE 'crash %' GROUP BY t.id HAVING count(a.id) <> 1`,
          [orgId, action],
        );
        report.tried('crash safety · audit rows matched to their change', Number((await db.query<{ count: string }>('SELECT count(*) FROM audit_events WHERE org_id = $1 AND action = $2', [orgId, action]))[0]!.count));
        for (const orphan of orphans) report.violation('crash safety · audit rows matched to their change', `${action} audited for ${orphan.target_id}, which does not exist`);
        for (const change of unaudited) report.violation('crash safety · audit rows matched to their change', `${table} ${change.id} has ${change.audits} ${action} audit rows`);
      }

      platform!.kill('SIGTERM');
      const exit = await platform!.exit();
      expect({ ...exit, log: exit.code === 0 ? '' : platform!.describe() }).toMatchObject({ code: 0, log: '' });
    } finally {
      orch.stop();
      telemetry.stop();
      await mutations.stop();
    }

    // 3. The audit chains written across the kills still verify, and rows committed by a process killed
    //    before it sealed them are sealed by the next one (its start-up sweep) — none is left out.
    const verifier = await startTestApp(db.url, { ...env, KICI_WEBHOOK_WORKER: 'false' });
    try {
      const sealed = await auditSealed(db).then(
        () => null,
        (error: unknown) => String(error),
      );
      if (sealed !== null) report.violation('crash safety · audit chains verified', sealed);
      for (const chain of [orgId, null]) {
        report.tried('crash safety · audit chains verified');
        const verification = (await verifier.app.get(QueryBus).execute(new VerifyAuditChainQuery(chain))) as { firstBreak: unknown; rowsPendingSeal: number };
        if (verification.firstBreak !== null || verification.rowsPendingSeal !== 0) {
          report.violation('crash safety · audit chains verified', `${chain ?? 'platform'}: ${JSON.stringify(verification)}`);
        }
      }
    } finally {
      await verifier.close();
    }

    const acknowledged = mutations.acknowledged.filter((mutation) => mutation.kind !== 'ping');
    expect(report.tally('crash safety · SIGKILLs survived').cases).toBe(KILLS);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(receiver.to('/hooks').length).toBeGreaterThan(0);
    for (const category of ['acknowledged mutations checked', 'audit rows matched to their change', 'outbox deliveries checked', 'audit chains verified']) {
      expect(report.violations(`crash safety · ${category}`)).toEqual([]);
    }
  }, 120_000);
});

function sortBy<T extends Record<string, unknown>>(rows: T[], key: keyof T): T[] {
  return [...rows].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
}
