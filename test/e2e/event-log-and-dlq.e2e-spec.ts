import { eventually } from '../support/eventually.js';
import { join, roleId } from '../support/org-fixture.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite } from '../support/suites.js';

/** platform-domain §9.5, §9.9: event log, DLQ, access log and a run's payload, read through the proxy. */
describe('event log, DLQ, access log and run payloads', () => {
  const suite = orgSuite('Events Co');
  let orch: SimulatedOrchestrator;
  let ownerSub: string;

  const get = async (path: string, token = suite.owner.token): Promise<Response> => suite.call(token, 'GET', `/orgs/${suite.orgId}${path}`);

  beforeAll(async () => {
    ownerSub = ((await (await suite.call(suite.owner.token, 'GET', '/user')).json()) as { sub: string }).sub;
    const { key } = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'events' })).json()) as { key: string };
    ({ orch } = await SimulatedOrchestrator.connect(`${suite.platform.origin.replace('http', 'ws')}/ws`, key, {
      orchRole: 'coordinator',
      dashboardWrites: { 'event_dlq.discard': false },
    }));
    await orch.request({ type: 'source.register', messageId: 'm', sources: [], clusterName: 'eu-1' }, 'source.register.ack');
    orch.answer('dashboard.event-log.list', () => ({ items: [{ deliveryId: 'd1', event: 'push', status: 'processed' }], nextCursor: null }));
    orch.answer('dashboard.event-log.detail', (request) => ({ item: { deliveryId: request.deliveryId, event: 'push' } }));
    orch.answer('dashboard.event-dlq.list', () => ({ items: [{ id: 'e1', eventName: 'run.finished' }], nextCursor: null }));
    orch.answer('dashboard.event-dlq.count', () => ({ total: 1 }));
    orch.answer('dashboard.event-dlq.retry', () => ({ retried: true }));
    orch.answer('dashboard.payload', () => ({ payload: { ref: 'refs/heads/main' } }));
    orch.answer('dashboard.access-log.list', () => ({
      items: [
        { id: 1, actorType: 'user', actorId: ownerSub, action: 'run.detail.read', outcome: 'allowed', createdAt: new Date().toISOString() },
        { id: 2, actorType: 'api_key', actorId: 'k1', action: 'run.detail.read', outcome: 'denied', createdAt: new Date().toISOString() },
      ],
      nextCursor: 'next',
    }));
    orch.send({ type: 'execution.status', messageId: 'x', runId: 'run-1', workflowName: 'w', status: 'running', startedAt: 1, timestamp: 1 });
    await eventually(async () => expect((await suite.db.query("SELECT 1 FROM runs WHERE run_id = 'run-1'")).length).toBe(1));
  });

  afterAll(() => orch?.close());

  it('lists and shows event-log deliveries, always scoped to the caller’s organization', async () => {
    const before = orch.received.length;
    const listed = await get('/event-log?status=processed&from=2026-11-01T00:00:00Z&limit=10');
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({ items: [{ deliveryId: 'd1', event: 'push', status: 'processed', platform: null }], nextCursor: null });
    const request = orch.received.slice(before).find((frame) => frame.type === 'dashboard.event-log.list')!;
    expect(request).toMatchObject({ orgId: suite.orgId, status: 'processed', fromTimestamp: '2026-11-01T00:00:00Z', limit: 10, actor: { type: 'user', sub: ownerSub } });
    expect(await (await get('/event-log/d-42?routingKey=github:1')).json()).toEqual({ item: { deliveryId: 'd-42', event: 'push' }, platform: null });
    for (const query of ['?status=lost', '?limit=500', '?from=yesterday', '?orgId=org_aaaaaaaaaaaa']) expect((await get(`/event-log${query}`)).status).toBe(400);
  });

  it('lists, counts and retries dead-lettered events, audits the retry, and honours a disabled discard', async () => {
    expect(await (await get('/event-dlq?limit=5')).json()).toEqual({ items: [{ id: 'e1', eventName: 'run.finished' }], nextCursor: null });
    expect(await (await get('/event-dlq/count')).json()).toEqual({ total: 1 });
    const retried = await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/event-dlq/e1/retry`);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ retried: true });
    expect(await suite.db.query("SELECT target_type, target_id FROM audit_events WHERE action = 'event_dlq.retry'")).toEqual([{ target_type: 'event_dlq', target_id: 'e1' }]);

    const sent = orch.received.length;
    const discarded = await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/event-dlq/e1/discard`);
    expect(discarded.status).toBe(403);
    expect(await discarded.json()).toMatchObject({ error: 'operation_disabled', operation: 'event_dlq.discard' });
    expect(orch.received.slice(sent).map((frame) => frame.type)).not.toContain('dashboard.event-dlq.discard');
    expect(await suite.db.query("SELECT 1 FROM audit_events WHERE action = 'event_dlq.discard'")).toEqual([]);
  });

  it('serves the access log with people named, and a run’s payload only with event_log:read_payload', async () => {
    const log = (await (await get('/access-log?outcome=allowed')).json()) as { items: Record<string, unknown>[]; nextCursor: string };
    expect(log.nextCursor).toBe('next');
    expect(log.items[0]).toMatchObject({ actorId: ownerSub, actorEmail: 'owner@example.com' });
    expect(log.items[1]).toMatchObject({ actorType: 'api_key', actorEmail: null, actorDisplayName: null });

    expect(await (await get('/runs/run-1/payload')).json()).toEqual({ payload: { ref: 'refs/heads/main' } });
    const reader = await join(suite.platform, suite.orgId, suite.owner, 'reader@example.com', [await roleId(suite.platform, suite.owner, suite.orgId, 'Member')]);
    const refused = await get('/runs/run-1/payload', reader.token);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'Insufficient permission: event_log.read_payload needed' });
  });
});
