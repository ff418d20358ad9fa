import { createHash, randomBytes } from 'node:crypto';
import { platformFrames } from '../support/golden-frames.js';
import { receiveRelays, type ReceivedRelay, type RelayDecision } from '../support/relay-receiver.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite, secondReplica } from '../support/suites.js';
import { type RunningTestApp } from '../support/test-app.js';

const APP_ID = '424242';
const SOURCE = '16935267-000b-4ad7-86ae-c106027360a5';
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** orchestrator-protocol §2.6, platform-domain §5: provider webhooks reach the orchestrator that registered their routing key. */
describe('webhook ingress relayed to orchestrators', () => {
  const suite = orgSuite('Hooks Co', { KICI_WEBHOOK_MAX_CONCURRENCY_PER_SOURCE: '2' });
  const replica = secondReplica(suite);
  const open: SimulatedOrchestrator[] = [];

  const wsOf = (app: RunningTestApp): string => `${app.origin.replace('http', 'ws')}/ws`;
  const github = (app: RunningTestApp = suite.platform): string => `${app.origin}/webhook/${suite.orgId}/github`;
  const generic = (source = SOURCE, app: RunningTestApp = suite.platform): string => `${app.origin}/webhook/${suite.orgId}/generic/${source}`;
  const githubHeaders = (delivery: string = crypto.randomUUID()): Record<string, string> => ({
    'content-type': 'application/json',
    'x-github-hook-installation-target-id': APP_ID,
    'x-github-hook-installation-target-type': 'integration',
    'x-github-event': 'push',
    'x-github-delivery': delivery,
    'x-hub-signature-256': 'sha256=00ff',
  });
  const post = (url: string, body: Buffer | string, headers: Record<string, string>): Promise<Response> => fetch(url, { method: 'POST', body, headers });

  /** An orchestrator of the org that registered the GitHub app and the generic source, acking as `decide` says. */
  async function orchestrator(decide?: (relay: ReceivedRelay) => RelayDecision, app: RunningTestApp = suite.platform, keys = [`github:${APP_ID}`, `generic:${suite.orgId}:${SOURCE}`]) {
    const created = await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: `hooks-${open.length}` });
    const { key } = (await created.json()) as { key: string };
    const { orch } = await SimulatedOrchestrator.connect(wsOf(app), key);
    open.push(orch);
    const relays = receiveRelays(orch, decide);
    const sources = keys.map((routingKey) =>
      routingKey.startsWith('github:')
        ? { provider: 'github', routingKey, name: 'app', subtype: 'github_app' }
        : { provider: 'generic', routingKey, name: 'deploys', subtype: 'generic_webhook' },
    );
    await orch.request({ type: 'source.register', messageId: crypto.randomUUID(), sources, clusterName: 'main' }, 'source.register.ack');
    return { orch, relays };
  }

  const closeAll = (): Promise<void> => SimulatedOrchestrator.closeAll(open);

  afterEach(closeAll);

  it('relays a 10 MiB body byte for byte, with the provider headers, and answers 200 with the request id', async () => {
    const { relays, orch } = await orchestrator();
    const body = randomBytes(10 * 1024 * 1024);
    const delivery = crypto.randomUUID();
    const response = await post(github(), body, { ...githubHeaders(delivery), cookie: 'session=secret', 'x-custom-trace': 'abc' });

    expect(response.status).toBe(200);
    const answer = (await response.json()) as { requestId: string };
    expect(answer.requestId).toBe(response.headers.get('x-request-id'));
    expect(relays).toHaveLength(1);
    const [relay] = relays;
    expect(relay!.sha256).toBe(sha256(body));
    expect(relay!.chunks).toBe(160); // 64 KiB raw per chunk
    // The same fields, in the same shape, as the frame a real orchestrator v0.1.24 accepted in the capture.
    expect(Object.keys(relay!.start).sort()).toEqual(Object.keys(platformFrames('webhook.relay.start')[0]!).sort());
    expect(relay!.start).toMatchObject({
      routingKey: `github:${APP_ID}`,
      deliveryId: delivery,
      event: 'push',
      action: null,
      signatureHeaderName: 'x-hub-signature-256',
      signatureHeader: 'sha256=00ff',
      clientIp: '127.0.0.1',
      totalSize: body.length,
      chunkCount: 160,
      requestId: answer.requestId,
    });
    const headers = relay!.start.headers as Record<string, string>;
    expect(headers).toMatchObject({ 'content-type': 'application/json', 'x-github-delivery': delivery, 'x-github-event': 'push', 'x-hub-signature-256': 'sha256=00ff', 'x-custom-trace': 'abc' });
    expect(headers).not.toHaveProperty('cookie');
    expect(headers).not.toHaveProperty('host');
    expect(orch.received.filter((frame) => frame.type === 'webhook.relay.chunk')).toHaveLength(160);

    const [row] = await suite.db.query<Record<string, unknown>>('SELECT * FROM event_log WHERE org_id = $1 AND delivery_id = $2', [suite.orgId, delivery]);
    expect(row).toMatchObject({
      routing_key: `github:${APP_ID}`,
      event: 'push',
      status: 'accepted',
      http_status: 200,
      attempts: 1,
      receipts: 1,
      payload_hash: sha256(body),
      payload_size_bytes: body.length,
      content_type: 'application/json',
      payload: null,
      request_id: answer.requestId,
      client_ip: '127.0.0.1',
    });
  });

  it('keeps any content type and an empty or missing one as the provider sent it', async () => {
    const { relays } = await orchestrator();
    const form = Buffer.from('payload=%7B%22a%22%3A1%7D&x=%00%ff');
    expect((await post(generic(), form, { 'content-type': 'application/x-www-form-urlencoded', 'x-event-type': 'deploy' })).status).toBe(200);
    const raw = randomBytes(300);
    expect((await fetch(generic(), { method: 'POST', body: raw })).status).toBe(200);
    expect((await post(generic(), '', { 'content-type': 'application/json', 'x-event-type': 'ping' })).status).toBe(200);

    expect(relays.map((relay) => relay.sha256)).toEqual([sha256(form), sha256(raw), sha256(Buffer.alloc(0))]);
    expect(relays[0]!.start).toMatchObject({ routingKey: `generic:${suite.orgId}:${SOURCE}`, event: 'deploy' });
    expect(relays[1]!.start.event).toBe('default');
    expect(relays[1]!.start.headers).not.toHaveProperty('content-type');
    expect(relays[2]!.start).toMatchObject({ totalSize: 0, chunkCount: 1, event: 'ping' });
  });

  it('maps the orchestrator’s answer to the provider’s status', async () => {
    const answers: Record<string, RelayDecision> = {
      sig: { result: 'rejected_signature', reason: 'verification_method=hmac_sha256 did not pass' },
      conf: { result: 'rejected_misconfigured', reason: 'no secret store' },
    };
    await orchestrator((relay) => answers[(relay.start.headers as Record<string, string>)['x-case']!] ?? { result: 'accepted' });
    const signature = await post(github(), '{}', { ...githubHeaders(), 'x-case': 'sig' });
    expect(signature.status).toBe(401);
    expect(await signature.json()).toMatchObject({ error: 'Webhook signature verification failed', code: 'WEBHOOK.REJECTED_SIGNATURE' });
    const misconfigured = await post(github(), '{}', { ...githubHeaders(), 'x-case': 'conf' });
    expect(misconfigured.status).toBe(500);
    expect(await misconfigured.json()).toMatchObject({ code: 'WEBHOOK.SOURCE_MISCONFIGURED' });
    const [row] = await suite.db.query<{ status: string; relay_reason: string }>("SELECT status, relay_reason FROM event_log WHERE org_id = $1 AND status = 'rejected_signature'", [suite.orgId]);
    expect(row).toEqual({ status: 'rejected_signature', relay_reason: 'verification_method=hmac_sha256 did not pass' });
  });

  it('tries the next candidate with a new message id when the first stays silent, within about 5 s', async () => {
    const firstTaker: string[] = [];
    // Whichever connection the Platform picks first stays silent; the other one accepts.
    const decide = (relay: ReceivedRelay): RelayDecision => {
      if (firstTaker.includes(String(relay.start.deliveryId))) return { result: 'accepted' };
      firstTaker.push(String(relay.start.deliveryId));
      return null;
    };
    const a = await orchestrator(decide);
    const b = await orchestrator(decide);
    const startedAt = Date.now();
    const response = await post(github(), '{"zen":"x"}', githubHeaders());
    const elapsed = Date.now() - startedAt;

    expect(response.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(4900);
    expect(elapsed).toBeLessThan(8000);
    const starts = [...a.orch.received, ...b.orch.received].filter((frame) => frame.type === 'webhook.relay.start');
    expect(starts).toHaveLength(2);
    expect(starts[0]!.messageId).not.toBe(starts[1]!.messageId);
    expect(starts[0]!.deliveryId).toBe(starts[1]!.deliveryId);
    expect(a.relays.length + b.relays.length).toBe(2);
  });

  it('answers 503 with Retry-After: 5 when no orchestrator of a known source is connected', async () => {
    const { orch } = await orchestrator();
    orch.close();
    await orch.closed;
    await new Promise((resolve) => setTimeout(resolve, 150));
    const response = await post(github(), '{}', githubHeaders());
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({ error: 'No orchestrator available', code: 'WEBHOOK.NO_ORCHESTRATOR' });
  });

  it('answers 404 fast for unknown organizations and sources, and remembers an orchestrator’s "unknown source"', async () => {
    expect((await post(`${suite.platform.origin}/webhook/org_000000000000/github`, '{}', githubHeaders())).status).toBe(404);
    expect((await post(`${suite.platform.origin}/webhook/not-an-org/github`, '{}', githubHeaders())).status).toBe(404);
    expect((await post(generic('never-registered'), '{}', { 'content-type': 'application/json' })).status).toBe(404);
    expect((await post(generic('bad id!'), '{}', { 'content-type': 'application/json' })).status).toBe(404);

    const forgotten = `generic:${suite.orgId}:forgotten`;
    const { orch, relays } = await orchestrator(() => ({ result: 'rejected_unknown_source', reason: 'no generic_webhook_sources row' }), suite.platform, [forgotten]);
    const first = await post(generic('forgotten'), '{}', { 'content-type': 'application/json' });
    expect(first.status).toBe(404);
    expect(await first.json()).toMatchObject({ error: 'Unknown webhook source', code: 'WEBHOOK.UNKNOWN_SOURCE' });
    expect((await post(generic('forgotten'), '{}', { 'content-type': 'application/json' })).status).toBe(404);
    expect(relays).toHaveLength(1); // the second answer came from the negative cache

    // The orchestrator registers the source again: the cache must not hide it.
    await orch.request({ type: 'source.register', messageId: 'again', sources: [{ provider: 'generic', routingKey: forgotten, name: 'x', subtype: 'generic_webhook' }] }, 'source.register.ack');
    await post(generic('forgotten'), '{}', { 'content-type': 'application/json' });
    expect(relays).toHaveLength(2);
  });

  it('refuses GitHub deliveries without the App headers (400) and bodies over 25 MiB (413) before any relay', async () => {
    const { orch } = await orchestrator();
    const { 'x-github-hook-installation-target-id': _id, ...noTarget } = githubHeaders();
    const missing = await post(github(), '{}', noTarget);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: 'WEBHOOK.BAD_REQUEST' });
    expect((await post(github(), '{}', { ...githubHeaders(), 'x-github-hook-installation-target-type': 'repository' })).status).toBe(400);
    const tooBig = await post(github(), Buffer.alloc(25 * 1024 * 1024 + 1), githubHeaders());
    expect(tooBig.status).toBe(413);
    expect(orch.received.some((frame) => frame.type === 'webhook.relay.start')).toBe(false);
  });

  it('does not relay a redelivery of an accepted delivery again, and counts it', async () => {
    const { relays } = await orchestrator();
    const delivery = crypto.randomUUID();
    const first = (await (await post(github(), '{}', githubHeaders(delivery))).json()) as { requestId: string };
    const again = await post(github(), '{}', githubHeaders(delivery));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ requestId: first.requestId, duplicate: true });
    expect(relays).toHaveLength(1);
    const [row] = await suite.db.query<{ receipts: number }>('SELECT receipts FROM event_log WHERE org_id = $1 AND delivery_id = $2', [suite.orgId, delivery]);
    expect(row!.receipts).toBe(2);
  });

  it('bounds the deliveries in flight per source (429) without slowing other sources', async () => {
    const slowKey = `generic:${suite.orgId}:flood`;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { orch } = await orchestrator(() => null, suite.platform, [slowKey, `github:${APP_ID}`]);
    // The flood's acks wait for the gate; the GitHub app is answered at once.
    orch.socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Record<string, unknown>;
      if (frame.type !== 'webhook.relay.start') return;
      const ack = { type: 'webhook.ack', messageId: frame.messageId, deliveryId: frame.deliveryId, result: 'accepted' };
      if (frame.routingKey === slowKey) void gate.then(() => orch.send(ack));
      else setTimeout(() => orch.send(ack), 20);
    });
    const flood = [1, 2].map(() => post(generic('flood'), '{}', { 'content-type': 'application/json' }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const third = await post(generic('flood'), '{}', { 'content-type': 'application/json' });
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('1');
    expect((await post(github(), '{}', githubHeaders())).status).toBe(200);
    release();
    expect((await Promise.all(flood)).map((response) => response.status)).toEqual([200, 200]);
  });

  it('reaches an orchestrator held by another replica, small bodies inline and big ones through the database', async () => {
    const { relays } = await orchestrator(undefined, suite.platform);
    const small = Buffer.from('{"small":true}');
    const big = randomBytes(3 * 1024 * 1024 + 7);
    expect((await post(github(replica.app), small, githubHeaders())).status).toBe(200);
    expect((await post(github(replica.app), big, githubHeaders())).status).toBe(200);
    expect(relays.map((relay) => relay.sha256)).toEqual([sha256(small), sha256(big)]);
    const [{ count }] = (await suite.db.query<{ count: number }>('SELECT count(*)::int AS count FROM webhook_relay_bodies')) as [{ count: number }];
    expect(count).toBe(0);
  });

  it('serves the Platform’s delivery log through the event-log routes, joined with the orchestrator’s and on its own', async () => {
    const { orch } = await orchestrator((relay) => ((relay.start.headers as Record<string, string>)['x-case'] === 'sig' ? { result: 'rejected_signature' } : { result: 'accepted' }));
    const ids = ['log-a', 'log-b', 'log-c'];
    for (const id of ids) await post(github(), `{"n":"${id}"}`, { ...githubHeaders(id), ...(id === 'log-b' ? { 'x-case': 'sig' } : {}) });
    orch.answer('dashboard.event-log.list', () => ({ items: [{ deliveryId: 'log-c', status: 'processed', runId: 'r1' }, { deliveryId: 'direct-1', status: 'processed' }], nextCursor: 'o-next' }));
    orch.answer('dashboard.event-log.detail', (request) => (request.deliveryId === 'log-a' ? { item: { deliveryId: 'log-a', status: 'processed' } } : {}));
    const get = async (path: string): Promise<Response> => suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/event-log${path}`);

    const merged = (await (await get('')).json()) as { items: Record<string, unknown>[]; nextCursor: string };
    expect(merged.nextCursor).toBe('o-next');
    expect(merged.items[0]).toMatchObject({ deliveryId: 'log-c', status: 'processed', platform: { deliveryId: 'log-c', status: 'accepted', httpStatus: 200, attempts: 1 } });
    expect(merged.items[1]).toMatchObject({ deliveryId: 'direct-1', platform: null });

    const own = (await (await get('?source=platform&routingKey=github:424242&deliveryId=log-&limit=2')).json()) as { items: Record<string, unknown>[]; nextCursor: string };
    expect(own.items.map((item) => item.deliveryId)).toEqual(['log-c', 'log-b']);
    expect(own.items[1]).toMatchObject({ status: null, platform: { status: 'rejected_signature', httpStatus: 401 } });
    const rest = (await (await get(`?source=platform&routingKey=github:424242&deliveryId=log-&limit=2&cursor=${own.nextCursor}`)).json()) as { items: Record<string, unknown>[]; nextCursor: null };
    expect(rest).toMatchObject({ items: [{ deliveryId: 'log-a' }], nextCursor: null });
    expect((await (await get('?source=platform&platformStatus=rejected_signature&deliveryId=log-')).json()) as unknown).toMatchObject({ items: [{ deliveryId: 'log-b' }] });
    for (const query of ['?platformStatus=accepted', '?source=platform&status=processed', '?source=platform&cursor=p.garbage', '?source=elsewhere']) {
      expect({ query, status: (await get(query)).status }).toEqual({ query, status: 400 });
    }

    expect(await (await get('/log-a')).json()).toMatchObject({ item: { deliveryId: 'log-a' }, platform: { deliveryId: 'log-a', status: 'accepted' } });
    expect(await (await get('/log-b')).json()).toMatchObject({ item: null, platform: { deliveryId: 'log-b', status: 'rejected_signature' } });

    // No orchestrator: the Platform's half, said to be partial.
    await closeAll();
    const alone = (await (await get('?deliveryId=log-')).json()) as { items: Record<string, unknown>[]; partialResults: boolean };
    expect(alone.partialResults).toBe(true);
    expect(alone.items.map((item) => item.deliveryId)).toEqual(['log-c', 'log-b', 'log-a']);
    expect(await (await get('/log-a')).json()).toMatchObject({ item: null, partialResults: true, platform: { deliveryId: 'log-a' } });
    expect((await get('/never-seen')).status).toBe(503);
  });
});
