import { type Frame, SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { orgSuite } from '../support/suites.js';

interface Row {
  id: string;
  source: string;
  createdAt: string;
  actorEmail: string | null;
  outcome: string | null;
  origin?: string | null;
}
interface Page {
  rows: Row[];
  nextCursor: string | null;
  partialResults: boolean;
}

/** platform-domain §4.6: the Platform's audit rows and the orchestrator's access log in one list. */
describe('federated Activity', () => {
  const suite = orgSuite('Activity Co');
  let orch: SimulatedOrchestrator | undefined;
  let ownerSub: string;
  const accessLog: Record<string, unknown>[] = [];

  const activity = async (query: string): Promise<Response> => suite.call(suite.owner.token, 'GET', `/orgs/${suite.orgId}/activity${query}`);
  const page = async (query: string): Promise<Page> => {
    const response = await activity(query);
    expect(response.status).toBe(200);
    return (await response.json()) as Page;
  };
  async function everything(query: string, limit: number): Promise<Row[]> {
    const rows: Row[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages += 1) {
      const body: Page = await page(`?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`);
      rows.push(...body.rows);
      cursor = body.nextCursor;
      if (!cursor) return rows;
    }
    throw new Error('the cursor never ended');
  }

  beforeAll(async () => {
    ownerSub = ((await (await suite.call(suite.owner.token, 'GET', '/user')).json()) as { sub: string }).sub;
    const now = Date.now();
    const minutes = [+1, -60, -120, -180, -240];
    minutes.forEach((minute, index) =>
      accessLog.push({
        id: String(1000 + index),
        orgId: suite.orgId,
        routingKey: null,
        actorType: 'user',
        actorId: index === 0 ? ownerSub : 'someone-else',
        actorMeta: null,
        action: 'run.detail.read',
        targetType: 'run',
        targetId: `run-${index}`,
        requestId: `req-${index}`,
        source: 'platform_proxy',
        outcome: index === 2 ? 'denied' : 'allowed',
        errorMessage: null,
        createdAt: new Date(now + minute * 60_000).toISOString(),
      }),
    );
  });

  afterEach(() => {
    orch?.close();
    orch = undefined;
  });

  async function connect(): Promise<SimulatedOrchestrator> {
    const key = ((await (await suite.call(suite.owner.token, 'POST', `/orgs/${suite.orgId}/orchestrator-keys`, { name: `activity-${Date.now()}` })).json()) as { key: string }).key;
    const { orch: connected } = await SimulatedOrchestrator.connect(`${suite.platform.origin.replace('http', 'ws')}/ws`, key);
    await connected.request({ type: 'source.register', messageId: 'm', sources: [], clusterName: 'eu-1', version: '0.1.24' }, 'source.register.ack');
    // Pages the log like an orchestrator: an opaque cursor, at most `limit` rows, filtered by outcome.
    connected.answer('dashboard.access-log.list', (request: Frame) => {
      const matching = accessLog.filter((item) => !request.outcome || item.outcome === request.outcome);
      const from = request.cursor ? Number(Buffer.from(String(request.cursor), 'base64url').toString()) : 0;
      const items = matching.slice(from, from + Number(request.limit));
      const next = from + items.length;
      return { items, nextCursor: next < matching.length ? Buffer.from(String(next)).toString('base64url') : undefined };
    });
    orch = connected;
    return connected;
  }

  it('with no orchestrator: the Platform half and partialResults; asking for the access log alone is a 503', async () => {
    const body = await page('?limit=200');
    expect(body.partialResults).toBe(true);
    expect(body.rows.length).toBeGreaterThan(0);
    expect(body.rows.every((row) => row.source === 'audit_log')).toBe(true);
    expect(body.nextCursor).toBeNull();
    expect((await activity('?source=access_log')).status).toBe(503);
  });

  it('merges both halves newest first, names the people the orchestrator only knows by subject, and stamps the request', async () => {
    const connected = await connect();
    const auditCount = (await page('?source=audit_log&limit=200')).rows.length;
    const body = await page('?limit=200');
    expect(body.partialResults).toBe(false);
    expect(body.nextCursor).toBeNull();
    expect(body.rows).toHaveLength(auditCount + accessLog.length);
    const times = body.rows.map((row) => Date.parse(row.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(body.rows[0]).toMatchObject({ id: '1000', source: 'access_log', actorEmail: 'owner@example.com', outcome: 'allowed', origin: 'platform_proxy' });
    expect(body.rows.slice(1, auditCount + 1).every((row) => row.source === 'audit_log')).toBe(true);
    const request = await connected.next('dashboard.access-log.list');
    expect(request).toMatchObject({ orgId: suite.orgId, actor: { type: 'user', sub: ownerSub }, limit: 200 });
  });

  it('pages through both halves with one cursor: every row once, in the same order as one big page', async () => {
    await connect();
    const whole = (await page('?limit=200')).rows.map((row) => `${row.source}:${row.id}`);
    for (const limit of [1, 2, 3]) {
      expect((await everything('', limit)).map((row) => `${row.source}:${row.id}`)).toEqual(whole);
    }
  });

  it('filters: outcome reads only the access log, source=audit_log does not ask the orchestrator', async () => {
    const connected = await connect();
    const denied = await page('?outcome=denied');
    expect(denied.rows.map((row) => [row.source, row.outcome])).toEqual([['access_log', 'denied']]);
    const asked = connected.received.length;
    const platformOnly = await page('?source=audit_log');
    expect(platformOnly.partialResults).toBe(false);
    expect(platformOnly.rows.every((row) => row.source === 'audit_log')).toBe(true);
    expect(connected.received.slice(asked).map((frame) => frame.type)).not.toContain('dashboard.access-log.list');
  });

  it('refuses bad queries with 400', async () => {
    for (const query of ['?source=everything', '?outcome=maybe', '?limit=201', '?origin=x', '?colour=red']) expect((await activity(query)).status).toBe(400);
  });
});
