import { DataSource } from 'typeorm';
import { receiveRelays, type ReceivedRelay, type RelayDecision } from '../support/relay-receiver.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite, secondReplica } from '../support/suites.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, type RunningTestApp } from '../support/test-app.js';

const APP_ID = '515151';
const SOURCE = 'deploys';

/**
 * The Platform's event log under many deliveries at once: rows are written by group commit and earlier
 * receipts looked up in batches, yet every delivery is recorded exactly once with its own outcome, and an
 * accepted delivery is still never relayed twice.
 */
describe('webhook event log under concurrent deliveries', () => {
  const suite = orgSuite('Batch Co', { KICI_WEBHOOK_MAX_CONCURRENCY_PER_SOURCE: '1000' });
  const replica = secondReplica(suite);
  const open: SimulatedOrchestrator[] = [];

  const githubHeaders = (delivery: string, extra: Record<string, string> = {}): Record<string, string> => ({
    'content-type': 'application/json',
    'x-github-hook-installation-target-id': APP_ID,
    'x-github-event': 'push',
    'x-github-delivery': delivery,
    'x-hub-signature-256': 'sha256=00ff',
    ...extra,
  });
  const github = (app: RunningTestApp = suite.platform): string => `${app.origin}/webhook/${suite.orgId}/github`;
  const generic = (app: RunningTestApp = suite.platform): string => `${app.origin}/webhook/${suite.orgId}/generic/${SOURCE}`;

  async function orchestrator(decide?: (relay: ReceivedRelay) => RelayDecision, app: RunningTestApp = suite.platform): Promise<{ orch: SimulatedOrchestrator; relays: ReceivedRelay[] }> {
    const created = await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: `batch-${open.length}` });
    const { key } = (await created.json()) as { key: string };
    const { orch } = await SimulatedOrchestrator.connect(`${app.origin.replace('http', 'ws')}/ws`, key);
    open.push(orch);
    const relays = receiveRelays(orch, decide);
    const sources = [
      { provider: 'github', routingKey: `github:${APP_ID}`, name: 'app', subtype: 'github_app' },
      { provider: 'generic', routingKey: `generic:${suite.orgId}:${SOURCE}`, name: SOURCE, subtype: 'generic_webhook' },
    ];
    await orch.request({ type: 'source.register', messageId: crypto.randomUUID(), sources, clusterName: 'main' }, 'source.register.ack');
    return { orch, relays };
  }

  /** The SQL the Platform sends while `work` runs. */
  async function statementsDuring(work: () => Promise<void>): Promise<string[]> {
    const dataSource = suite.platform.app.get(DataSource);
    const statements: string[] = [];
    const query = dataSource.query.bind(dataSource);
    dataSource.query = ((sql: string, ...rest: unknown[]) => {
      statements.push(sql);
      return (query as (...args: unknown[]) => Promise<unknown>)(sql, ...rest);
    }) as DataSource['query'];
    try {
      await work();
    } finally {
      dataSource.query = query;
    }
    return statements;
  }

  afterEach(() => SimulatedOrchestrator.closeAll(open));

  it('records each of 300 concurrent deliveries once with its own outcome, in a few statements instead of one per delivery', async () => {
    const decision = (relay: ReceivedRelay): RelayDecision =>
      (relay.start.headers as Record<string, string>)['x-case'] === 'sig' ? { result: 'rejected_signature', reason: 'bad hmac' } : { result: 'accepted' };
    let holding = false;
    const { orch, relays } = await orchestrator((relay) => (holding ? null : decision(relay)));
    // Warm up: each routing key's facts are read once, not per delivery.
    expect((await fetch(generic(), { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(200);
    expect((await fetch(github(), { method: 'POST', body: '{}', headers: githubHeaders('warm-up') })).status).toBe(200);
    const deliveries = Array.from({ length: 300 }, (_, index) => ({ id: `batch-${index}`, rejected: index % 3 === 0, provider: index % 2 === 0 ? 'github' : 'generic' }));

    // The orchestrator holds its acks until every relay has arrived, then sends them all: a burst of outcomes.
    holding = true;
    const ackAll = (async () => {
      while (relays.length < 302) await new Promise((resolve) => setTimeout(resolve, 10));
      for (const relay of relays.slice(2)) orch.send({ type: 'webhook.ack', messageId: relay.start.messageId, deliveryId: relay.start.deliveryId, ...decision(relay) });
    })();
    let answers: { id: string; status: number; requestId: string }[] = [];
    const statements = await statementsDuring(async () => {
      answers = await Promise.all(
        deliveries.map(async ({ id, rejected, provider }) => {
          const extra: Record<string, string> = rejected ? { 'x-case': 'sig' } : {};
          const response =
            provider === 'github'
              ? await fetch(github(), { method: 'POST', body: `{"n":"${id}"}`, headers: githubHeaders(id, extra) })
              : await fetch(generic(), { method: 'POST', body: `{"n":"${id}"}`, headers: { 'content-type': 'application/json', 'x-delivery-id': id, ...extra } });
          return { id, status: response.status, requestId: response.headers.get('x-request-id')! };
        }),
      );
      await ackAll;
    });

    expect(answers.map((answer) => answer.status)).toEqual(deliveries.map((delivery) => (delivery.rejected ? 401 : 200)));
    expect(relays).toHaveLength(302);
    const rows = await suite.db.query<{ delivery_id: string; status: string; http_status: number; receipts: number; request_id: string; attempts: number }>(
      "SELECT delivery_id, status, http_status, receipts, request_id, attempts FROM event_log WHERE org_id = $1 AND delivery_id LIKE 'batch-%'",
      [suite.orgId],
    );
    const byId = new Map(rows.map((row) => [row.delivery_id, row]));
    expect(rows).toHaveLength(300);
    for (const [index, delivery] of deliveries.entries()) {
      expect(byId.get(delivery.id)).toEqual({
        delivery_id: delivery.id,
        status: delivery.rejected ? 'rejected_signature' : 'accepted',
        http_status: delivery.rejected ? 401 : 200,
        receipts: 1,
        request_id: answers[index]!.requestId,
        attempts: 1,
      });
    }
    // One statement per delivery before; now the rows of deliveries that finish together share one.
    const inserts = statements.filter((sql) => sql.startsWith('INSERT INTO event_log'));
    expect(inserts.length).toBeGreaterThan(0);
    // The acks still trickle in one by one (each is inflated on its own), so batches stay modest; one per delivery was the old way.
    expect(inserts.length).toBeLessThan(deliveries.length / 2);
    expect(statements.filter((sql) => sql.includes('c.routing_keys ?'))).toEqual([]);
  });

  it('counts receipts of one delivery id that arrive together in its one row', async () => {
    const { relays } = await orchestrator();
    const responses = await Promise.all(Array.from({ length: 6 }, () => fetch(github(), { method: 'POST', body: '{}', headers: githubHeaders('together-1') })));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const rows = await suite.db.query<{ status: string; receipts: number }>('SELECT status, receipts FROM event_log WHERE org_id = $1 AND delivery_id = $2', [suite.orgId, 'together-1']);
    expect(rows).toEqual([{ status: 'accepted', receipts: 6 }]);
    // Receipts that overlapped the first relay are relayed too (the orchestrator dedups them); none after it was recorded.
    const relayed = relays.length;
    const again = await fetch(github(), { method: 'POST', body: '{}', headers: githubHeaders('together-1') });
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect(relays).toHaveLength(relayed);
  });

  it('does not relay a redelivery of an accepted delivery again, whichever replica receives it', async () => {
    const { relays } = await orchestrator();
    const first = await fetch(github(), { method: 'POST', body: '{}', headers: githubHeaders('across-1') });
    const { requestId } = (await first.json()) as { requestId: string };
    const again = await fetch(github(replica.app), { method: 'POST', body: '{}', headers: githubHeaders('across-1') });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ requestId, duplicate: true });
    expect(relays).toHaveLength(1);
    const [row] = await suite.db.query<{ receipts: number }>('SELECT receipts FROM event_log WHERE org_id = $1 AND delivery_id = $2', [suite.orgId, 'across-1']);
    expect(row!.receipts).toBe(2);
  });

  it('relays a redelivery of a delivery that was not accepted, and keeps the later outcome', async () => {
    const unavailable = await fetch(github(), { method: 'POST', body: '{}', headers: githubHeaders('retry-1') });
    expect(unavailable.status).toBe(503);
    const { relays } = await orchestrator();
    const retried = await fetch(github(), { method: 'POST', body: '{}', headers: githubHeaders('retry-1') });
    expect(retried.status).toBe(200);
    expect(relays).toHaveLength(1);
    const [row] = await suite.db.query<{ status: string; receipts: number }>('SELECT status, receipts FROM event_log WHERE org_id = $1 AND delivery_id = $2', [suite.orgId, 'retry-1']);
    expect(row).toEqual({ status: 'accepted', receipts: 2 });
  });

  it('answers a delivery it named itself without waiting for its row, but a sender-named one only once its row is committed', async () => {
    await orchestrator();
    const rowOf = async (column: 'request_id' | 'delivery_id', value: string) =>
      (await suite.db.query<{ status: string }>(`SELECT status FROM event_log WHERE org_id = $1 AND ${column} = $2`, [suite.orgId, value]))[0];
    let named: Promise<Response> | undefined;
    let unnamedRequestId = '';
    let namedAnsweredWhileLocked = false;
    // While the test holds the table, no event-log row can be inserted.
    await suite.db.transaction(async (client) => {
      await client.query('LOCK TABLE event_log IN SHARE MODE');
      const unnamed = await fetch(generic(), { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      expect(unnamed.status).toBe(200);
      unnamedRequestId = ((await unnamed.json()) as { requestId: string }).requestId;
      named = fetch(generic(), { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', 'x-delivery-id': 'named-while-locked' } });
      void named.then(() => (namedAnsweredWhileLocked = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    expect(namedAnsweredWhileLocked).toBe(false);
    expect((await named!).status).toBe(200);
    expect(await rowOf('delivery_id', 'named-while-locked')).toEqual({ status: 'accepted' });
    await eventually(async () => expect(await rowOf('request_id', unnamedRequestId)).toEqual({ status: 'accepted' }));
  });

  it('commits the rows nobody waited for before its database connections close at shutdown', async () => {
    const leaving = await startTestApp(suite.db.url, { KICI_OIDC_ISSUER: `${suite.platform.origin}/oidc` });
    const post = async (): Promise<string> => {
      const answer = await fetch(generic(leaving), { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      expect(answer.status).toBe(200);
      return ((await answer.json()) as { requestId: string }).requestId;
    };
    const requestIds: string[] = [];
    let closing: Promise<void> | undefined;
    try {
      await orchestrator(undefined, leaving);
      // The first row's statement is held up by the test's lock; the others queue behind it, unsent, as the Platform shuts down.
      await suite.db.transaction(async (client) => {
        await client.query('LOCK TABLE event_log IN SHARE MODE');
        requestIds.push(await post());
        await new Promise((resolve) => setTimeout(resolve, 100));
        requestIds.push(...(await Promise.all(Array.from({ length: 19 }, post))));
        await SimulatedOrchestrator.closeAll(open);
        closing = leaving.close();
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      await closing;
    } finally {
      if (!closing) await leaving.close();
    }
    const rows = await suite.db.query<{ request_id: string }>('SELECT request_id FROM event_log WHERE org_id = $1 AND request_id = ANY($2)', [suite.orgId, requestIds]);
    expect(rows.map((row) => row.request_id).sort()).toEqual([...requestIds].sort());
  });
});
