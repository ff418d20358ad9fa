import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiCaller, createOrg, signIn } from '../support/org-fixture.js';
import { eventually } from '../support/eventually.js';
import { PlatformProcess } from '../support/platform-process.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp } from '../support/test-app.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * The outbox survives a crash: a delivery committed by a real `node dist/src/main.js` that is SIGKILLed
 * before sending is sent once by the next process, with the same webhook-id.
 */
describe('outbound webhook deliveries across a SIGKILL', () => {
  let db: TestDatabase;
  let receiver: WebhookReceiver;
  const running: PlatformProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    receiver = await WebhookReceiver.start();
  });

  /** Both tests' Platforms: this database, deliveries to the local receiver, a quick job poll. */
  const platformEnv = (): Record<string, string> => ({
    KICI_DATABASE_URL: db.url,
    KICI_SECRET_KEY: Buffer.alloc(32, 5).toString('base64'),
    KICI_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    KICI_WEBHOOK_POLL_INTERVAL_MS: '500',
  });

  afterAll(async () => {
    for (const platform of running) platform.kill('SIGKILL');
    await Promise.all(running.map((platform) => platform.exit()));
    await receiver?.close();
    await db?.drop();
  });

  it('loses no delivery committed before the kill and sends it exactly once after restart', async () => {
    const env = platformEnv();
    // Set up through an in-process Platform on the same database (users, org, endpoint), then stop it.
    const setup = await startTestApp(db.url, { ...env, KICI_WEBHOOK_WORKER: 'false' });
    const owner = await signIn(setup, 'crash@example.com');
    const orgId = await createOrg(setup, owner, 'Crash Co');
    const created = await apiCaller(setup)(owner.token, 'POST', `/orgs/${orgId}/webhook-endpoints`, { url: `${receiver.origin}/crash`, eventTypes: ['ping'] });
    const endpoint = (await created.json()) as { id: string };
    await setup.close();

    const dataDir = await mkdtemp(join(tmpdir(), 'kici-crash-'));
    const first = PlatformProcess.start({ ...env, KICI_DATA_DIR: dataDir, KICI_WEBHOOK_WORKER: 'false' });
    running.push(first);
    const origin = await first.listening();
    const tested = await fetch(`${origin}/api/v1/orgs/${orgId}/webhook-endpoints/${endpoint.id}/test`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}` } });
    expect(tested.status).toBe(202);
    const { id: deliveryId } = (await tested.json()) as { id: string };
    first.kill('SIGKILL');
    expect(await first.exit()).toMatchObject({ signal: 'SIGKILL' });

    expect(await db.query('SELECT status, attempts FROM webhook_deliveries WHERE id = $1', [deliveryId])).toEqual([{ status: 'pending', attempts: 0 }]);
    expect(await db.query("SELECT state FROM pgboss.job WHERE name = 'webhook-delivery' AND data->>'deliveryId' = $1", [deliveryId])).toEqual([{ state: 'created' }]);
    expect(receiver.received).toEqual([]);

    const second = PlatformProcess.start({ ...env, KICI_DATA_DIR: dataDir });
    running.push(second);
    await second.listening();
    await eventually(async () => expect(receiver.to('/crash')).toHaveLength(1), 15_000);
    await eventually(async () => expect(await db.query('SELECT status, attempts FROM webhook_deliveries WHERE id = $1', [deliveryId])).toEqual([{ status: 'delivered', attempts: 1 }]), 5_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.to('/crash').map((request) => request.headers['webhook-id'])).toEqual([deliveryId]);
    second.kill('SIGTERM');
    expect(await second.exit()).toMatchObject({ code: 0 });
  });

  it('retries, without a restart, the attempt of a worker that died holding its job', async () => {
    const env = platformEnv();
    const setup = await startTestApp(db.url, { ...env, KICI_WEBHOOK_WORKER: 'false' });
    const owner = await signIn(setup, 'dead-worker@example.com');
    const orgId = await createOrg(setup, owner, 'Dead Worker Co');
    const call = apiCaller(setup);
    const created = await call(owner.token, 'POST', `/orgs/${orgId}/webhook-endpoints`, { url: `${receiver.origin}/dead-worker`, eventTypes: ['ping'] });
    const endpoint = (await created.json()) as { id: string };
    const tested = await call(owner.token, 'POST', `/orgs/${orgId}/webhook-endpoints/${endpoint.id}/test`);
    const { id: deliveryId } = (await tested.json()) as { id: string };
    await setup.close();
    // As a SIGKILLed replica leaves it: the job taken (active), its worker's last heartbeat 30 s ago.
    const taken = await db.query(
      "UPDATE pgboss.job SET state = 'active', started_on = now() - interval '30 seconds', heartbeat_on = now() - interval '30 seconds' WHERE name = 'webhook-delivery' AND data->>'deliveryId' = $1 RETURNING heartbeat_seconds",
      [deliveryId],
    );
    expect(taken).toEqual([{ heartbeat_seconds: 10 }]);

    // A live replica fails the silent job and retries it well before the 60 s expiry would.
    const survivor = PlatformProcess.start({ ...env, KICI_DATA_DIR: await mkdtemp(join(tmpdir(), 'kici-dead-worker-')) });
    running.push(survivor);
    await survivor.listening();
    await eventually(async () => expect(await db.query('SELECT status FROM webhook_deliveries WHERE id = $1', [deliveryId])).toEqual([{ status: 'delivered' }]), 25_000);
    expect(receiver.to('/dead-worker').map((request) => request.headers['webhook-id'])).toEqual([deliveryId]);
    survivor.kill('SIGTERM');
    expect(await survivor.exit()).toMatchObject({ code: 0 });
  }, 45_000);
});
