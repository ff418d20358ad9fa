import { Webhook } from 'standardwebhooks';
import { apiCaller, join, roleId, type TestUser } from '../support/org-fixture.js';
import { eventually } from '../support/eventually.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite } from '../support/suites.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { auditSealed } from '../support/audit-sealing.js';

interface Endpoint {
  id: string;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  secret?: string;
}

interface Delivery {
  id: string;
  eventType: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  responseBody: string | null;
  payload: { type: string; orgId: string; timestamp: string; data: Record<string, unknown> };
}

const FAST_RETRIES = {
  KICI_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  KICI_WEBHOOK_MAX_ATTEMPTS: '3',
  KICI_WEBHOOK_RETRY_BASE_MS: '50',
  KICI_WEBHOOK_RETRY_MAX_DELAY_MS: '200',
  KICI_WEBHOOK_POLL_INTERVAL_MS: '500',
  KICI_WEBHOOK_DISABLE_AFTER_DEAD: '2',
};

describe('outbound webhook endpoints', () => {
  const suite = orgSuite('Hooks Co', FAST_RETRIES);
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterAll(() => receiver?.close());

  const base = (): string => `/orgs/${suite.orgId}/webhook-endpoints`;
  const create = async (path: string, eventTypes: string[] = ['*'], token = suite.owner.token): Promise<Endpoint> => {
    const response = await suite.call(token, 'POST', base(), { url: `${receiver.origin}${path}`, eventTypes });
    expect(response.status).toBe(201);
    return (await response.json()) as Endpoint;
  };
  const deliveries = async (endpointId: string, query = ''): Promise<Delivery[]> => {
    const response = await suite.call(suite.owner.token, 'GET', `${base()}/${endpointId}/deliveries${query}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { deliveries: Delivery[] }).deliveries;
  };
  const settled = (endpointId: string, predicate: (all: Delivery[]) => boolean, timeoutMs = 15_000): Promise<Delivery[]> =>
    eventually(async () => {
      const all = await deliveries(endpointId);
      if (!predicate(all)) throw new Error(`not yet: ${JSON.stringify(all.map((d) => [d.eventType, d.status, d.attempts]))}`);
      return all;
    }, timeoutMs);
  const auditRows = async (action: string): Promise<{ actor_type: string; target_id: string; payload: Record<string, unknown> }[]> => {
    await auditSealed(suite.db);
    return suite.db.query('SELECT actor_type, target_id, payload FROM audit_events WHERE action = $1 ORDER BY seq', [action]);
  };

  it('validates input at the edge with the error body, and shows the secret only when it is made', async () => {
    for (const body of [
      { url: 'not a url', eventTypes: ['*'] },
      { url: 'ftp://example.com/x', eventTypes: ['*'] },
      { url: 'https://user:pw@example.com/x', eventTypes: ['*'] },
      { url: 'https://example.com/x', eventTypes: [] },
      { url: 'https://example.com/x', eventTypes: ['run.exploded'] },
      { url: 'https://example.com/x', eventTypes: ['*', 'ping'] },
      { url: 'https://example.com/x', eventTypes: ['*'], extra: 1 },
    ]) {
      const response = await suite.call(suite.owner.token, 'POST', base(), body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(await response.json()).toMatchObject({ code: 'HTTP.VALIDATION_FAILED', error: 'Invalid request body', requestId: expect.any(String) });
    }

    const endpoint = await create('/crud', ['run.failed', 'ping']);
    expect(endpoint).toMatchObject({ url: `${receiver.origin}/crud`, eventTypes: ['run.failed', 'ping'], enabled: true, disabledReason: null, createdBy: suite.owner.userId });
    expect(endpoint.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const listed = await (await suite.call(suite.owner.token, 'GET', base())).text();
    const single = await (await suite.call(suite.owner.token, 'GET', `${base()}/${endpoint.id}`)).text();
    for (const text of [listed, single]) {
      expect(text).toContain(endpoint.id);
      expect(text).not.toContain('secret"');
      expect(text).not.toContain(endpoint.secret!.slice(6, 20));
    }
    const [stored] = await suite.db.query<{ secret_encrypted: string }>('SELECT secret_encrypted FROM webhook_endpoints WHERE id = $1', [endpoint.id]);
    expect(stored!.secret_encrypted).not.toContain(endpoint.secret!.slice(6, 20));

    const patched = await suite.call(suite.owner.token, 'PATCH', `${base()}/${endpoint.id}`, { description: 'ops', eventTypes: ['*'] });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ description: 'ops', eventTypes: ['*'] });
    expect(await (await suite.call(suite.owner.token, 'GET', `${base()}/${endpoint.id}`)).json()).toMatchObject({ description: 'ops', eventTypes: ['*'] });
    const [kept] = await suite.db.query<{ kind: string }>('SELECT jsonb_typeof(event_types) AS kind FROM webhook_endpoints WHERE id = $1', [endpoint.id]);
    expect(kept!.kind).toBe('array');
    expect((await suite.call(suite.owner.token, 'PATCH', `${base()}/${endpoint.id}`, {})).status).toBe(400);
    expect((await suite.call(suite.owner.token, 'GET', `${base()}/not-a-uuid`)).status).toBe(404);
    expect((await suite.call(suite.owner.token, 'GET', `${base()}/${endpoint.id}/deliveries?status=lost`)).status).toBe(400);

    expect((await suite.call(suite.owner.token, 'DELETE', `${base()}/${endpoint.id}`)).status).toBe(204);
    const gone = await suite.call(suite.owner.token, 'GET', `${base()}/${endpoint.id}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ code: 'OUTBOUND_WEBHOOKS.ENDPOINT_NOT_FOUND' });
    expect((await auditRows('webhook_endpoint.create')).map((row) => row.target_id)).toContain(endpoint.id);
    expect((await auditRows('webhook_endpoint.delete')).map((row) => row.target_id)).toEqual([endpoint.id]);
    expect(JSON.stringify(await suite.db.query("SELECT payload FROM audit_events WHERE action LIKE 'webhook_endpoint.%'"))).not.toContain('whsec_');
  });

  it('lets read holders read, write holders change, and only admins rotate secrets', async () => {
    const holder = async (email: string, level: string): Promise<TestUser> => {
      const user = await join(suite.platform, suite.orgId, suite.owner, email);
      const role = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/roles`, { name: `hooks ${level}`, permissions: { webhook_endpoints: level } })).json()) as { id: string };
      await suite.call(suite.owner.token, 'PUT', `/orgs/${suite.orgId}/members/${user.userId}/roles/${role.id}`);
      await suite.call(suite.owner.token, 'DELETE', `/orgs/${suite.orgId}/members/${user.userId}/roles/${await roleId(suite.platform, suite.owner, suite.orgId, 'Member')}`);
      return user;
    };
    const reader = await holder('hook-reader@example.com', 'read');
    const writer = await holder('hook-writer@example.com', 'write');
    const endpoint = await create('/perm', ['ping'], writer.token);

    expect((await suite.call(reader.token, 'GET', base())).status).toBe(200);
    const refused = await suite.call(reader.token, 'POST', base(), { url: `${receiver.origin}/x`, eventTypes: ['*'] });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'RBAC.FORBIDDEN', error: 'Insufficient permission: webhook_endpoints.write needed' });
    expect((await suite.call(writer.token, 'POST', `${base()}/${endpoint.id}/rotate-secret`, {})).status).toBe(403);
    expect((await suite.call(suite.owner.token, 'POST', `${base()}/${endpoint.id}/rotate-secret`, {})).status).toBe(200);
    expect((await suite.call(writer.token, 'DELETE', `${base()}/${endpoint.id}`)).status).toBe(204);
  });

  it('retries a failing receiver and delivers once, signed so the official Standard Webhooks library verifies it', async () => {
    receiver.script('/flaky', [500, 500]);
    const endpoint = await create('/flaky', ['ping']);
    const tested = await suite.call(suite.owner.token, 'POST', `${base()}/${endpoint.id}/test`);
    expect(tested.status).toBe(202);
    const queued = (await tested.json()) as Delivery;
    expect(queued).toMatchObject({ eventType: 'ping', status: 'pending' });

    const [delivery] = await settled(endpoint.id, (all) => all[0]?.status === 'delivered');
    expect(delivery).toMatchObject({ id: queued.id, status: 'delivered', attempts: 3, responseStatus: 200, responseBody: 'ok' });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const requests = receiver.to('/flaky');
    expect(requests.map((request) => request.answeredWith)).toEqual([500, 500, 200]);
    expect(new Set(requests.map((request) => request.headers['webhook-id']))).toEqual(new Set([queued.id]));

    const last = requests[2]!;
    expect(last.headers['content-type']).toBe('application/json');
    expect(last.headers['user-agent']).toBe('KiCI-Platform-Webhooks');
    const verified = new Webhook(endpoint.secret!).verify(last.body, last.headers as Record<string, string>) as Delivery['payload'];
    expect(verified).toMatchObject({ type: 'ping', orgId: suite.orgId, data: { endpointId: endpoint.id } });
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 9).toString('base64')}`).verify(last.body, last.headers as Record<string, string>)).toThrow();
  });

  it('signs with both secrets during a rotation overlap, and with the new one alone after', async () => {
    const endpoint = await create('/rotating', ['ping']);
    const rotated = await suite.call(suite.owner.token, 'POST', `${base()}/${endpoint.id}/rotate-secret`, { overlapSeconds: 3600 });
    expect(rotated.status).toBe(200);
    const { secret, previousSecretExpiresAt } = (await rotated.json()) as { secret: string; previousSecretExpiresAt: string };
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(endpoint.secret);
    expect(Date.parse(previousSecretExpiresAt) - Date.now()).toBeGreaterThan(3500_000);

    await suite.call(suite.owner.token, 'POST', `${base()}/${endpoint.id}/test`);
    await eventually(async () => expect(receiver.to('/rotating')).toHaveLength(1), 10_000);
    const during = receiver.to('/rotating')[0]!;
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const key of [secret, endpoint.secret!]) expect(() => new Webhook(key).verify(during.body, during.headers as Record<string, string>)).not.toThrow();

    const ended = (await (await suite.call(suite.owner.token, 'POST', `${base()}/${endpoint.id}/rotate-secret`, { overlapSeconds: 0 })).json()) as { secret: string };
    await suite.call(suite.owner.token, 'POST', `${base()}/${endpoint.id}/test`);
    await eventually(async () => expect(receiver.to('/rotating')).toHaveLength(2), 10_000);
    const after = receiver.to('/rotating')[1]!;
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(() => new Webhook(ended.secret).verify(after.body, after.headers as Record<string, string>)).not.toThrow();
    expect(() => new Webhook(secret).verify(after.body, after.headers as Record<string, string>)).toThrow();
    expect((await auditRows('webhook_endpoint.secret.rotate')).map((row) => row.payload)).toEqual(expect.arrayContaining([{ overlapSeconds: 3600 }, { overlapSeconds: 0 }]));
  });

  it('delivers the events of real changes: keys, members, orchestrator connections and runs', async () => {
    const endpoint = await create('/events', ['api_key.created', 'member.removed', 'orchestrator_key.created', 'orchestrator.connected', 'run.started', 'run.succeeded']);
    const key = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/api-keys`, { name: 'hooked', permissions: { runs: 'read' } })).json()) as { id: string };
    const leaver = await join(suite.platform, suite.orgId, suite.owner, 'leaver@example.com');
    expect((await suite.call(suite.owner.token, 'DELETE', `/orgs/${suite.orgId}/members/${leaver.userId}`)).status).toBe(204);
    const ok = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'hooked-orch' })).json()) as { key: string; id: string };
    const { orch } = await SimulatedOrchestrator.connect(`${suite.platform.origin.replace('http', 'ws')}/ws`, ok.key);
    try {
      await orch.request({ type: 'source.register', messageId: 'm', sources: [], clusterName: 'hooks' }, 'source.register.ack');
      const run = { type: 'execution.status', runId: 'hooked-run', workflowName: 'deploy', startedAt: 1_000 };
      orch.send({ ...run, messageId: 'a', status: 'running', timestamp: 2_000 });
      orch.send({ ...run, messageId: 'a', status: 'running', timestamp: 2_000 });
      orch.send({ ...run, messageId: 'b', status: 'success', completedAt: 5_000, timestamp: 5_000 });
      orch.send({ ...run, messageId: 'b', status: 'success', completedAt: 5_000, timestamp: 5_000 });
      orch.send({ ...run, messageId: 'c', status: 'running', timestamp: 3_000 });

      const all = await settled(endpoint.id, (list) => list.length >= 6 && list.every((d) => d.status === 'delivered'));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const types = (await deliveries(endpoint.id)).map((d) => d.eventType).sort();
      expect(types).toEqual(['api_key.created', 'member.removed', 'orchestrator.connected', 'orchestrator_key.created', 'run.started', 'run.succeeded']);
      const byType = new Map(all.map((d) => [d.eventType, d.payload]));
      expect(byType.get('api_key.created')).toMatchObject({ type: 'api_key.created', orgId: suite.orgId, data: { keyId: key.id, name: 'hooked' } });
      expect(byType.get('member.removed')).toMatchObject({ data: { userId: leaver.userId, reason: 'removed' } });
      expect(byType.get('orchestrator_key.created')).toMatchObject({ data: { keyId: ok.id, name: 'hooked-orch' } });
      expect(byType.get('orchestrator.connected')).toMatchObject({ data: { keyId: ok.id } });
      expect(byType.get('run.succeeded')).toMatchObject({ data: { runId: 'hooked-run', workflowName: 'deploy', status: 'success' } });
      expect(JSON.stringify(all.map((d) => d.payload))).not.toMatch(/kici_(ok|sk)_/);

      const closing = await create('/closing', ['orchestrator.disconnected']);
      orch.close();
      const [gone] = await settled(closing.id, (list) => list.length === 1 && list[0]!.status === 'delivered');
      expect(gone!.payload).toMatchObject({ type: 'orchestrator.disconnected', data: { keyId: ok.id, clusterName: 'hooks' } });
    } finally {
      orch.close();
    }
  });

  it('dead-letters after the last attempt, requeues and discards, and disables an endpoint that keeps failing', async () => {
    receiver.script('/down', [], 503);
    const endpoint = await create('/down', ['ping']);
    const first = (await (await suite.call(suite.owner.token, 'POST', `${base()}/${endpoint.id}/test`)).json()) as Delivery;
    await settled(endpoint.id, (all) => all[0]?.status === 'dead');
    const [dead] = await deliveries(endpoint.id, '?status=dead');
    expect(dead).toMatchObject({ id: first.id, status: 'dead', attempts: 3, responseStatus: 503 });
    expect(dead!.responseBody!.length).toBeLessThanOrEqual(4096);
    expect(receiver.to('/down')).toHaveLength(3);
    expect((await suite.call(suite.owner.token, 'GET', `${base()}/${endpoint.id}`).then((r) => r.json())) as Endpoint).toMatchObject({ enabled: true });

    const second = (await (await suite.call(suite.owner.token, 'POST', `${base()}/${endpoint.id}/test`)).json()) as Delivery;
    await settled(endpoint.id, (all) => all.every((d) => d.status === 'dead') && all.length === 2);
    const disabled = (await (await suite.call(suite.owner.token, 'GET', `${base()}/${endpoint.id}`)).json()) as Endpoint;
    expect(disabled).toMatchObject({ enabled: false, disabledReason: 'Disabled after 2 consecutive dead deliveries' });
    expect(await auditRows('webhook_endpoint.disabled')).toEqual([expect.objectContaining({ actor_type: 'system', target_id: endpoint.id })]);

    const discarded = await suite.call(suite.owner.token, 'POST', `${base()}/${endpoint.id}/deliveries/${second.id}/discard`);
    expect(discarded.status).toBe(200);
    expect(await discarded.json()).toMatchObject({ status: 'discarded' });
    const again = await suite.call(suite.owner.token, 'POST', `${base()}/${endpoint.id}/deliveries/${second.id}/discard`);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'OUTBOUND_WEBHOOKS.DELIVERY_STATE' });

    receiver.script('/down', [], 200);
    expect((await suite.call(suite.owner.token, 'PATCH', `${base()}/${endpoint.id}`, { enabled: true })).status).toBe(200);
    const requeued = await suite.call(suite.owner.token, 'POST', `${base()}/${endpoint.id}/deliveries/${first.id}/requeue`);
    expect(requeued.status).toBe(200);
    await settled(endpoint.id, (all) => all.find((d) => d.id === first.id)?.status === 'delivered');
    expect(receiver.to('/down').map((request) => request.answeredWith)).toEqual([503, 503, 503, 503, 503, 503, 200]);
    expect(receiver.to('/down')[6]!.headers['webhook-id']).toBe(first.id);
    expect((await deliveries(endpoint.id, '?status=discarded')).map((d) => d.id)).toEqual([second.id]);
    expect((await suite.call(suite.owner.token, 'POST', `${base()}/${endpoint.id}/deliveries/${first.id}/requeue`)).status).toBe(409);
    expect((await suite.call(suite.owner.token, 'POST', `${base()}/${endpoint.id}/deliveries/01a22222-2222-7222-8222-222222222222/requeue`)).status).toBe(404);

    const metrics = await (await fetch(`${suite.platform.origin}/metrics`)).text();
    expect(metrics).toMatch(/kici_outbound_webhook_deliveries_total\{outcome="dead"\} [1-9]/);
    expect(metrics).toMatch(/kici_outbound_webhook_attempts_total\{outcome="failure"\} [1-9]/);
  });

  it('pages deliveries newest first with a cursor', async () => {
    const endpoint = await create('/paged', ['ping']);
    for (let i = 0; i < 3; i += 1) await suite.call(suite.owner.token, 'POST', `${base()}/${endpoint.id}/test`);
    const first = (await (await suite.call(suite.owner.token, 'GET', `${base()}/${endpoint.id}/deliveries?limit=2`)).json()) as { deliveries: Delivery[]; nextCursor: string };
    expect(first.deliveries).toHaveLength(2);
    const second = (await (await suite.call(suite.owner.token, 'GET', `${base()}/${endpoint.id}/deliveries?limit=2&cursor=${first.nextCursor}`)).json()) as {
      deliveries: Delivery[];
      nextCursor: string | null;
    };
    expect(second.deliveries).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(first.deliveries[0]!.id > first.deliveries[1]!.id && first.deliveries[1]!.id > second.deliveries[0]!.id).toBe(true);
  });
});

describe('outbound webhook targets without private targets allowed', () => {
  const suite = orgSuite('Guarded Co');

  it('refuses plain http, loopback, private, link-local and names resolving to them, with 422', async () => {
    const call = apiCaller(suite.platform);
    for (const url of ['http://example.com/hook', 'https://127.0.0.1/hook', 'https://10.1.2.3/hook', 'https://169.254.169.254/latest', 'https://[::1]/hook', 'https://[::ffff:127.0.0.1]/hook', 'https://localhost:8443/hook']) {
      const response = await call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/webhook-endpoints`, { url, eventTypes: ['*'] });
      const body = (await response.json()) as { code: string; error: string };
      expect({ url, status: response.status, code: body.code }).toEqual({ url, status: 422, code: 'OUTBOUND_WEBHOOKS.TARGET_NOT_ALLOWED' });
    }
    const response = await call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/webhook-endpoints`, { url: 'https://localhost/hook', eventTypes: ['*'] });
    expect(((await response.json()) as { error: string }).error).toMatch(/localhost is or resolves to a non-public address/);
    expect(await suite.db.query('SELECT 1 FROM webhook_endpoints')).toEqual([]);
  });

  it('refuses at send time too, so a name that later resolves to loopback reaches nothing', async () => {
    const { sendWebhook } = await import('../../src/modules/webhooks/outbound/infrastructure/webhook-sender.js');
    const receiver = await WebhookReceiver.start();
    try {
      const port = new URL(receiver.origin).port;
      for (const url of [`http://localhost:${port}/x`, `${receiver.origin}/x`, `http://[::ffff:127.0.0.1]:${port}/x`]) {
        const outcome = await sendWebhook({ url, headers: {}, body: '{}', timeoutMs: 2000, allowPrivateTargets: false });
        expect({ url, ...outcome }).toEqual({ url, status: null, body: null, error: expect.stringMatching(/forbidden address/) });
      }
      expect(receiver.received).toEqual([]);
      await expect(sendWebhook({ url: `http://localhost:${port}/x`, headers: {}, body: '{}', timeoutMs: 2000, allowPrivateTargets: true })).resolves.toMatchObject({ status: 200 });
    } finally {
      await receiver.close();
    }
  });
});
