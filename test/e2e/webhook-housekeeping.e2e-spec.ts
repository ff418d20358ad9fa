import { EventLogRetention } from '../../src/modules/webhooks/application/event-log-retention.js';
import { DeliveryHousekeeping } from '../../src/modules/webhooks/outbound/application/delivery/delivery-housekeeping.js';
import { orgSuite } from '../support/suites.js';

/** Retention of the webhook records, and pending deliveries that lost their job getting a new one. */
describe('webhook housekeeping', () => {
  // No worker: a rescheduled job stays queued where the test can see it.
  const suite = orgSuite('Tidy Co', { KICI_WEBHOOK_WORKER: 'false', KICI_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', KICI_WEBHOOK_RETENTION_DAYS: '30' });

  const logRow = (deliveryId: string, daysAgo: number): Promise<unknown> =>
    suite.db.query(
      `INSERT INTO event_log (id, org_id, delivery_id, routing_key, event, status, http_status, attempts, payload_hash, payload_size_bytes, request_id, received_at, completed_at, latency_ms)
       VALUES (gen_random_uuid(), $1, $2, 'github:1', 'push', 'accepted', 200, 1, repeat('0', 64), 2, 'r', now() - make_interval(days => $3), now(), 1)`,
      [suite.orgId, deliveryId, daysAgo],
    );

  it('deletes event-log rows past the retention and keeps the rest', async () => {
    await logRow('old', 31);
    await logRow('recent', 29);
    await suite.platform.app.get(EventLogRetention).task.runOnce();
    expect(await suite.db.query('SELECT delivery_id FROM event_log WHERE org_id = $1', [suite.orgId])).toEqual([{ delivery_id: 'recent' }]);
  });

  it('deletes finished deliveries past the retention, keeps dead ones, and requeues stranded pending ones', async () => {
    const created = await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/webhook-endpoints`, { url: 'http://127.0.0.1:9/hook', eventTypes: ['ping'] });
    const endpointId = ((await created.json()) as { id: string }).id;
    const delivery = async (status: string, daysAgo: number, nextAttemptMinutesAgo: number | null): Promise<string> => {
      const [row] = await suite.db.query<{ id: string }>(
        `INSERT INTO webhook_deliveries (id, org_id, endpoint_id, event_type, body, status, attempts, next_attempt_at, created_at)
         VALUES (gen_random_uuid(), $1, $2, 'ping', '{}', $3, 1, CASE WHEN $5::int IS NULL THEN NULL ELSE now() - make_interval(mins => $5::int) END, now() - make_interval(days => $4))
         RETURNING id`,
        [suite.orgId, endpointId, status, daysAgo, nextAttemptMinutesAgo],
      );
      return row!.id;
    };
    const oldDelivered = await delivery('delivered', 40, null);
    const oldDiscarded = await delivery('discarded', 40, null);
    const oldDead = await delivery('dead', 40, null);
    const recentDelivered = await delivery('delivered', 1, null);
    const stranded = await delivery('pending', 0, 60);
    const onTime = await delivery('pending', 0, 1);

    await suite.platform.app.get(DeliveryHousekeeping).task.runOnce();

    const left = (await suite.db.query<{ id: string }>('SELECT id FROM webhook_deliveries WHERE endpoint_id = $1', [endpointId])).map((row) => row.id);
    expect(left).not.toContain(oldDelivered);
    expect(left).not.toContain(oldDiscarded);
    expect(left).toEqual(expect.arrayContaining([oldDead, recentDelivered, stranded, onTime]));
    const jobs = await suite.db.query<{ id: string }>("SELECT data->>'deliveryId' AS id FROM pgboss.job WHERE name = 'webhook-delivery' AND state = 'created'");
    expect(jobs.map((job) => job.id)).toContain(stranded);
    expect(jobs.map((job) => job.id)).not.toContain(onTime);
  });
});
