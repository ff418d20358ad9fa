import { generateToken } from '../../src/modules/tokens/domain/token-format.js';
import { eventually } from '../support/eventually.js';
import { orchestratorFrames, retarget } from '../support/golden-frames.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite, secondReplica } from '../support/suites.js';

describe('orchestrator gateway: the golden handshake and session', () => {
  const suite = orgSuite('Gateway Co');
  let wsUrl: string;
  let orchestratorKey: string;

  beforeAll(async () => {
    wsUrl = `${suite.platform.origin.replace('http', 'ws')}/ws`;
    const created = await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'golden' });
    orchestratorKey = ((await created.json()) as { key: string }).key;
  });

  it('answers the real auth.request with auth.success bound to the key’s organization', async () => {
    const orch = await SimulatedOrchestrator.open(wsUrl);
    const [authRequest] = orchestratorFrames('auth.request');
    orch.send(retarget(authRequest!, suite.orgId, orchestratorKey));
    const success = await orch.next('auth.success');
    const { publicAlias } = (await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}`)).json()) as { publicAlias: string };
    expect(success).toEqual({
      type: 'auth.success',
      connectionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      orgId: suite.orgId,
      orgPublicAlias: publicAlias,
      provenanceIssuer: null,
    });
    const [row] = await suite.db.query<{ capabilities: { supportedDashboardRequests: string[] } }>('SELECT capabilities FROM platform_connections WHERE connection_id = $1', [
      success.connectionId,
    ]);
    expect(row!.capabilities.supportedDashboardRequests).toHaveLength(70);
    orch.close();
  });

  it('replays the captured session: registers, acks with webhook URLs, stores capabilities, survives the rest', async () => {
    const { orch, success } = await SimulatedOrchestrator.connect(wsUrl, orchestratorKey);
    const [emptyRegister, sourceRegister] = orchestratorFrames('source.register').map((frame) => retarget(frame, suite.orgId));

    const firstAck = await orch.request(emptyRegister!, 'source.register.ack');
    expect(firstAck).toEqual({ type: 'source.register.ack', messageId: emptyRegister!.messageId, accepted: [], rejected: [], peers: [] });

    orch.send(retarget(orchestratorFrames('orch.capabilities.update')[0]!, suite.orgId));
    const secondAck = await orch.request(sourceRegister!, 'source.register.ack');
    const source = (sourceRegister!.sources as { routingKey: string }[])[0]!;
    const sourceId = source.routingKey.split(':')[2];
    expect(secondAck).toMatchObject({
      messageId: sourceRegister!.messageId,
      accepted: [{ routingKey: source.routingKey, webhookUrl: `${suite.platform.origin}/webhook/${suite.orgId}/generic/${sourceId}` }],
      rejected: [],
    });

    // Everything else the real orchestrator sent: accepted or dropped, never a reason to close.
    for (const type of ['orch.metrics', 'state.replay', 'execution.status', 'heartbeat', 'webhook.ack', 'dashboard.runs.list.response']) {
      for (const frame of orchestratorFrames(type)) orch.send(retarget(frame, suite.orgId));
    }
    orch.send('this is not json');
    orch.send({ type: 'auth.request', token: orchestratorKey, protocolVersion: 1 });
    orch.send({ type: 'no.such.frame', payload: 1 });
    const third = await orch.request(retarget(emptyRegister!, suite.orgId), 'source.register.ack');
    expect(third.accepted).toEqual([]);
    expect(orch.socket.readyState).toBe(orch.socket.OPEN);

    const [row] = await suite.db.query<{ routing_keys: string[]; cluster_name: string; version: string; capabilities: { dashboardWrites?: unknown } }>(
      'SELECT routing_keys, cluster_name, version, capabilities FROM platform_connections WHERE connection_id = $1',
      [success.connectionId],
    );
    expect(row).toMatchObject({ routing_keys: [source.routingKey], version: '0.1.24', capabilities: { dashboardWrites: {} } });
    const sources = await suite.db.query('SELECT routing_key, subtype FROM webhook_sources WHERE org_id = $1', [suite.orgId]);
    expect(sources).toEqual([{ routing_key: source.routingKey, subtype: 'generic_webhook' }]);

    const listed = (await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/orchestrators`)).json()) as { orchestrators: Record<string, unknown>[] };
    expect(listed.orchestrators).toEqual([
      expect.objectContaining({ clusterName: row!.cluster_name, routingKeys: [source.routingKey], orchVersion: '0.1.24', connected: true, connectionCount: 1 }),
    ]);

    // A register carrying only sources (a diff) leaves what the orchestrator said about itself as it was.
    await orch.request({ type: 'source.register', messageId: 'diff', sources: [] }, 'source.register.ack');
    const [kept] = await suite.db.query<{ cluster_name: string; version: string; details: Record<string, unknown> }>(
      'SELECT cluster_name, version, details FROM platform_connections WHERE connection_id = $1',
      [success.connectionId],
    );
    expect(kept).toEqual({ cluster_name: row!.cluster_name, version: '0.1.24', details: expect.objectContaining({ scalerBackends: sourceRegister!.scalerBackends ?? [] }) });

    const deregistered = await orch.request({ type: 'source.deregister', messageId: 'm-1', routingKeys: [source.routingKey, 'generic:other:x'] }, 'source.deregister.ack');
    expect(deregistered).toEqual({ type: 'source.deregister.ack', messageId: 'm-1', removed: [source.routingKey] });
    orch.close();
    await orch.closed;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [after] = await suite.db.query<{ disconnected_at: Date | null }>('SELECT disconnected_at FROM platform_connections WHERE connection_id = $1', [success.connectionId]);
    expect(after!.disconnected_at).toBeInstanceOf(Date);
  });

  it('rejects routing keys of another organization or outside the key’s patterns', async () => {
    const limited = (await (
      await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'limited', routingPatterns: ['github:*'] })
    ).json()) as { key: string };
    const { orch } = await SimulatedOrchestrator.connect(wsUrl, limited.key);
    const ack = await orch.request(
      {
        type: 'source.register',
        messageId: 'm-2',
        sources: [
          { provider: 'github', routingKey: 'github:42', name: 'App', subtype: 'github_app' },
          { provider: 'generic', routingKey: `generic:org_otherotherot:${crypto.randomUUID()}`, name: 'theirs', subtype: 'generic_webhook' },
          { provider: 'generic', routingKey: `generic:${suite.orgId}:${crypto.randomUUID()}`, name: 'ours', subtype: 'generic_webhook' },
        ],
      },
      'source.register.ack',
    );
    expect((ack.accepted as { routingKey: string; webhookUrl: string }[]).map((entry) => entry.routingKey)).toEqual(['github:42']);
    expect((ack.accepted as { webhookUrl: string }[])[0]!.webhookUrl).toBe(`${suite.platform.origin}/webhook/${suite.orgId}/github`);
    expect((ack.rejected as { reason: string }[]).map((entry) => entry.reason)).toEqual([
      'routing key belongs to another organization',
      'routing key not allowed by this orchestrator key',
    ]);
    orch.close();
  });

  it('refuses bad credentials with auth.failure and 4001, old protocol versions with 4005', async () => {
    const { token: pat } = { token: suite.owner.token };
    for (const token of [generateToken('ok'), pat, 'kici_ok_short']) {
      const orch = await SimulatedOrchestrator.open(wsUrl);
      orch.send({ type: 'auth.request', token, protocolVersion: 1 });
      expect(await orch.next('auth.failure')).toMatchObject({ reason: expect.any(String) });
      expect((await orch.closed).code).toBe(4001);
    }
    const old = await SimulatedOrchestrator.open(wsUrl);
    old.send({ type: 'auth.request', token: orchestratorKey, protocolVersion: 0 });
    await old.next('auth.failure');
    expect((await old.closed).code).toBe(4005);

    const rude = await SimulatedOrchestrator.open(wsUrl);
    rude.send({ type: 'heartbeat', timestamp: Date.now() });
    await rude.next('auth.failure');
    expect((await rude.closed).code).toBe(4001);
  });

  it('closes a socket whose frame exceeds 25 MiB (1009) and keeps serving others', async () => {
    const { orch } = await SimulatedOrchestrator.connect(wsUrl, orchestratorKey);
    orch.send(JSON.stringify({ type: 'orch.metrics', pad: 'x'.repeat(25 * 1024 * 1024 + 10) }));
    expect((await orch.closed).code).toBe(1009);
    const again = await SimulatedOrchestrator.connect(wsUrl, orchestratorKey);
    expect(again.success.type).toBe('auth.success');
    again.orch.close();
  });

  it('closes every socket of a revoked key with 4001', async () => {
    const created = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'doomed' })).json()) as { id: string; key: string };
    const first = await SimulatedOrchestrator.connect(wsUrl, created.key);
    const second = await SimulatedOrchestrator.connect(wsUrl, created.key);
    await suite.call(suite.owner.token, 'DELETE', `/orgs/${suite.orgId}/orchestrator-keys/${created.id}`);
    expect(await first.orch.closed).toEqual({ code: 4001, reason: 'Orchestrator key revoked' });
    expect((await second.orch.closed).code).toBe(4001);
  });
});

describe('orchestrator gateway timers', () => {
  const suite = orgSuite('Timers Co', {
    KICI_WS_AUTH_TIMEOUT_MS: '300',
    KICI_WS_HEARTBEAT_CHECK_MS: '50',
    KICI_WS_HEARTBEAT_UNHEALTHY_MS: '200',
    KICI_WS_HEARTBEAT_TIMEOUT_MS: '500',
  });
  let wsUrl: string;
  let key: string;

  beforeAll(async () => {
    wsUrl = `${suite.platform.origin.replace('http', 'ws')}/ws`;
    key = ((await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 't' })).json()) as { key: string }).key;
  });

  it('reaps the sessions of a replica that stopped vouching for them', async () => {
    const [keyRow] = await suite.db.query<{ id: string }>('SELECT id FROM orchestrator_keys WHERE org_id = $1 LIMIT 1', [suite.orgId]);
    await suite.db.query(
      `INSERT INTO platform_connections (connection_id, org_id, key_id, replica_id, connected_at, replica_seen_at)
       VALUES ('01a22222-2222-7222-8222-0000000000dd', $1, $2, 'crashed-replica', now() - interval '2 hours', now() - interval '1 hour')`,
      [suite.orgId, keyRow!.id],
    );
    await eventually(async () => {
      const [row] = await suite.db.query<{ disconnected_at: Date | null }>(
        "SELECT disconnected_at FROM platform_connections WHERE connection_id = '01a22222-2222-7222-8222-0000000000dd'",
      );
      expect(row!.disconnected_at).toBeInstanceOf(Date);
    });
  });

  it('closes a socket that never authenticates with 4002', async () => {
    const orch = await SimulatedOrchestrator.open(wsUrl);
    expect(await orch.closed).toEqual({ code: 4002, reason: 'Authentication timeout' });
  });

  it('keeps a heartbeating orchestrator and closes a silent one with 4004', async () => {
    const beating = await SimulatedOrchestrator.connect(wsUrl, key);
    const silent = await SimulatedOrchestrator.connect(wsUrl, key);
    const beat = setInterval(() => beating.orch.send({ type: 'heartbeat', timestamp: Date.now() }), 100);
    try {
      expect(await silent.orch.closed).toEqual({ code: 4004, reason: 'Heartbeat timeout' });
      expect(beating.orch.socket.readyState).toBe(beating.orch.socket.OPEN);
      // Heartbeats reach the registry in the monitor's batched write, one check period later at most.
      await eventually(async () => {
        const [row] = await suite.db.query<{ last_heartbeat_at: Date | null }>('SELECT last_heartbeat_at FROM platform_connections WHERE connection_id = $1', [
          beating.success.connectionId,
        ]);
        expect(row!.last_heartbeat_at).toBeInstanceOf(Date);
      });
    } finally {
      clearInterval(beat);
      beating.orch.close();
    }
  });

  it('does not ping an orchestrator that heartbeats on time', async () => {
    // Beats 70 ms apart, longer than the 50 ms check period but well inside the 200 ms unhealthy mark: on
    // time. Pinging it at checks would, with thousands of sockets, be a burst of pings at every check.
    const { orch } = await SimulatedOrchestrator.connect(wsUrl, key);
    let pings = 0;
    orch.socket.on('ping', () => (pings += 1));
    const beat = setInterval(() => orch.send({ type: 'heartbeat', timestamp: Date.now() }), 70);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // One allowed for a late timer on a busy machine; pinging at every check of a quiet period gives ~5.
      expect(pings).toBeLessThanOrEqual(1);
      expect(orch.socket.readyState).toBe(orch.socket.OPEN);
    } finally {
      clearInterval(beat);
      orch.close();
    }
  });

  it('keeps a socket that sends frames even if its pongs are late, and ends one that answers nothing', async () => {
    // Anything received proves the link alive: a busy orchestrator's pong can come after the next check.
    const busy = await SimulatedOrchestrator.connect(wsUrl, key, undefined, { answerPings: false });
    const beat = setInterval(() => busy.orch.send({ type: 'heartbeat', timestamp: Date.now() }), 40);
    // Half-open: no frame, no pong. Ended (no close frame) after two unanswered pings, before the 4004 timeout.
    const halfOpen = await SimulatedOrchestrator.connect(wsUrl, key, undefined, { answerPings: false });
    const openedAt = Date.now();
    try {
      expect(await halfOpen.orch.closed).toEqual({ code: 1006, reason: '' });
      expect(Date.now() - openedAt).toBeLessThan(500);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(busy.orch.socket.readyState).toBe(busy.orch.socket.OPEN);
    } finally {
      clearInterval(beat);
      busy.orch.close();
    }
  });
});

describe('orchestrator gateway across two replicas', () => {
  const suite = orgSuite('Replicated Co');
  const replica = secondReplica(suite);

  it('closes the revoked key’s sockets on both replicas within 2 s, and lists sessions of both', async () => {
    const created = (await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 'ha' })).json()) as { id: string; key: string };
    const onA = await SimulatedOrchestrator.connect(`${suite.platform.origin.replace('http', 'ws')}/ws`, created.key);
    const onB = await SimulatedOrchestrator.connect(`${replica.app.origin.replace('http', 'ws')}/ws`, created.key);
    for (const { orch } of [onA, onB]) {
      await orch.request({ type: 'source.register', messageId: 'r', sources: [], clusterName: 'prod-eu', version: '0.1.24' }, 'source.register.ack');
    }
    const listed = (await (await suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/orchestrators`)).json()) as { orchestrators: Record<string, unknown>[] };
    expect(listed.orchestrators).toEqual([expect.objectContaining({ clusterName: 'prod-eu', connected: true, connectionCount: 2 })]);

    const startedAt = Date.now();
    await suite.call(suite.owner.token, 'DELETE', `/orgs/${suite.orgId}/orchestrator-keys/${created.id}`);
    const [closedA, closedB] = await Promise.all([onA.orch.closed, onB.orch.closed]);
    expect([closedA.code, closedB.code]).toEqual([4001, 4001]);
    expect(Date.now() - startedAt).toBeLessThan(2000);
  });
});

describe('orchestrator gateway failed-auth throttle', () => {
  const suite = orgSuite('Throttle Co');
  let wsUrl: string;
  let orchestratorKey: string;

  beforeAll(async () => {
    wsUrl = `${suite.platform.origin.replace('http', 'ws')}/ws`;
    orchestratorKey = ((await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: 't' })).json()) as { key: string }).key;
  });

  it('refuses an address after 5 failed authentications a minute, even with a good key', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const orch = await SimulatedOrchestrator.open(wsUrl);
      orch.send({ type: 'auth.request', token: generateToken('ok'), protocolVersion: 1 });
      await orch.closed;
    }
    const blocked = await SimulatedOrchestrator.open(wsUrl);
    blocked.send({ type: 'auth.request', token: orchestratorKey, protocolVersion: 1 });
    expect(await blocked.next('auth.failure')).toMatchObject({ reason: 'Too many failed authentications' });
    expect((await blocked.closed).code).toBe(4001);
  });
});
