import { HttpProbeFixtureModule } from '../fixtures/http-probe.fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';

const BODY_LIMIT = 4096;

describe('HTTP contract of every route', () => {
  let db: TestDatabase;
  let platform: RunningTestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startTestApp(db.url, { KICI_BODY_LIMIT_BYTES: String(BODY_LIMIT) }, [HttpProbeFixtureModule]);
  });

  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  const url = (path: string): string => `${platform.origin}${path}`;
  const post = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(url(path), { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

  async function expectErrorBody(response: Response, status: number, code: string): Promise<Record<string, unknown>> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ code, error: expect.any(String), requestId: response.headers.get('x-request-id') });
    return body;
  }

  it('serves /health and /ready', async () => {
    const health = await fetch(url('/health'));
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const ready = await fetch(url('/ready'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
  });

  it('answers unknown routes with a JSON 404, also with repeated slashes', async () => {
    await expectErrorBody(await fetch(url('/api/v1/nope')), 404, 'HTTP.NOT_FOUND');
    await expectErrorBody(await fetch(url('//api//v1/nope')), 404, 'HTTP.NOT_FOUND');
  });

  it('routes repeated slashes to the real route', async () => {
    expect((await fetch(url('//health'))).status).toBe(200);
    expect((await post('//api/v1//_probe/echo', '{"a":1}')).status).toBe(201);
  });

  it('echoes a sane x-request-id and replaces an unsafe one', async () => {
    const echoed = await fetch(url('/health'), { headers: { 'x-request-id': 'trace-42' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-42');
    const replaced = await fetch(url('/api/v1/nope'), { headers: { 'x-request-id': 'x'.repeat(300) } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(((await replaced.json()) as { requestId: string }).requestId).toBe(replaced.headers.get('x-request-id'));
  });

  it('accepts an empty JSON body on POST and DELETE, as the CLI sends them', async () => {
    const created = await post('/api/v1/_probe/echo', '');
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ body: null });
    const removed = await fetch(url('/api/v1/_probe/echo'), { method: 'DELETE', headers: { 'content-type': 'application/json' } });
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({ body: null });
  });

  it('parses JSON bodies', async () => {
    const response = await post('/api/v1/_probe/echo', '{"hello":["world"]}');
    expect(await response.json()).toEqual({ body: { hello: ['world'] } });
  });

  it('answers malformed JSON with 400', async () => {
    await expectErrorBody(await post('/api/v1/_probe/echo', '{"unterminated": '), 400, 'HTTP.MALFORMED_JSON');
  });

  it('refuses prototype-pollution keys with 400', async () => {
    await expectErrorBody(await post('/api/v1/_probe/echo', '{"__proto__":{"admin":true}}'), 400, 'HTTP.MALFORMED_JSON');
    await expectErrorBody(await post('/api/v1/_probe/echo', '{"constructor":{"prototype":{"admin":true}}}'), 400, 'HTTP.MALFORMED_JSON');
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('answers a body over the cap with 413', async () => {
    const body = await expectErrorBody(await post('/api/v1/_probe/echo', JSON.stringify({ pad: 'x'.repeat(BODY_LIMIT) })), 413, 'HTTP.PAYLOAD_TOO_LARGE');
    expect(body.error).toContain(String(BODY_LIMIT));
  });

  it('applies the cap to every content type', async () => {
    const response = await fetch(url('/api/v1/_probe/echo'), {
      method: 'POST',
      body: Buffer.alloc(BODY_LIMIT + 1, 'a'),
      headers: { 'content-type': 'text/plain' },
    });
    expect([413, 415]).toContain(response.status);
    await expectErrorBody(response, response.status, response.status === 413 ? 'HTTP.PAYLOAD_TOO_LARGE' : 'HTTP.UNSUPPORTED_MEDIA_TYPE');
  });

  it('lists the failing fields of an invalid body', async () => {
    const body = await expectErrorBody(await post('/api/v1/_probe/validated', '{"name":"","count":-1,"extra":true}'), 400, 'HTTP.VALIDATION_FAILED');
    const paths = (body.fields as { path: string }[]).map((field) => field.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['name', 'count']));
  });

  it('answers an unexpected failure with an opaque 500', async () => {
    const response = await fetch(url('/api/v1/_probe/crash'));
    const body = await expectErrorBody(response, 500, 'INTERNAL.ERROR');
    expect(body.error).toBe('Internal server error');
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/secret_table|SELECT|at .*\.ts|stack/i);
  });

  it('closes a route that declares no access rule', async () => {
    const body = await expectErrorBody(await fetch(url('/api/v1/_probe/undeclared')), 403, 'AUTH.ROUTE_NOT_DECLARED');
    expect(body).not.toHaveProperty('leaked');
  });
});
