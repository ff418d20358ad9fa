import { createHash, randomBytes } from 'node:crypto';
import { BrowserAgent } from '../support/browser-agent.js';
import { SecurityReport } from '../support/security-report.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';

const report = new SecurityReport('headers');

/** Headers every response must carry, whatever answered it (route, error filter, 404, body parser). */
const REQUIRED: Record<string, RegExp> = {
  'content-security-policy': /default-src 'none'/,
  'x-content-type-options': /^nosniff$/,
  'x-frame-options': /^SAMEORIGIN$|^DENY$/,
  'strict-transport-security': /max-age=\d+/,
  'referrer-policy': /no-referrer/,
  'cross-origin-opener-policy': /same-origin/,
};

/** Requests that end in every kind of responder the Platform has. */
const PROBES: { name: string; path: string; init?: RequestInit }[] = [
  { name: 'health', path: '/health' },
  { name: 'metrics', path: '/metrics' },
  { name: 'openapi', path: '/api/v1/openapi.json' },
  { name: '401', path: '/api/v1/user' },
  { name: '401 bad token', path: '/api/v1/user', init: { headers: { authorization: 'Bearer kici_pat_nope' } } },
  { name: '404', path: '/no/such/route' },
  { name: 'bad JSON', path: '/api/v1/orgs', init: { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body: '{' } },
  { name: '415', path: '/api/v1/orgs', init: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' } },
  { name: 'webhook 404', path: '/webhook/org_aaaaaaaaaaaa/github', init: { method: 'POST', body: '{}' } },
];

describe('security headers, no version leak, CORS closed unless configured', () => {
  let db: TestDatabase;
  let platform: RunningTestApp;
  let withCors: RunningTestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startTestApp(db.url);
    withCors = await startTestApp(db.url, { KICI_CORS_ORIGINS: 'https://ci.example.com' });
  });

  afterAll(async () => {
    await withCors?.close();
    await platform?.close();
    await db?.drop();
  });

  it('puts the security headers on every kind of response and names no server or version', async () => {
    for (const probe of PROBES) {
      const response = await fetch(`${platform.origin}${probe.path}`, probe.init);
      await response.arrayBuffer();
      report.tried('responses checked for security headers');
      for (const [name, pattern] of Object.entries(REQUIRED)) {
        const value = response.headers.get(name);
        if (!value || !pattern.test(value)) report.violation('responses checked for security headers', `${probe.name} (${response.status}): ${name}=${value}`);
      }
      for (const leak of ['x-powered-by', 'server', 'x-aspnet-version']) {
        if (response.headers.has(leak)) report.violation('responses checked for security headers', `${probe.name}: ${leak}=${response.headers.get(leak)}`);
      }
    }
    expect(report.violations('responses checked for security headers')).toEqual([]);
  });

  it('keeps the OpenAPI document and the development sign-in working, under a policy of their own', async () => {
    const openapi = await fetch(`${platform.origin}/api/v1/openapi.json`);
    expect(openapi.status).toBe(200);
    expect(((await openapi.json()) as { openapi: string }).openapi).toMatch(/^3\./);

    const discovery = await fetch(`${platform.origin}/oidc/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    const policy = discovery.headers.get('content-security-policy')!;
    expect(policy).toContain("style-src 'unsafe-inline'");
    expect(policy).toContain("frame-ancestors 'none'");
    // A sign-in form ends in a redirect to the CLI's loopback callback: form-action would block it.
    expect(policy).not.toContain('form-action');
    expect(discovery.headers.get('x-content-type-options')).toBe('nosniff');
    expect(discovery.headers.has('x-powered-by')).toBe(false);

    const verifier = randomBytes(32).toString('base64url');
    const authorize = new URL(`${platform.origin}/oidc/auth`);
    for (const [name, value] of Object.entries({
      client_id: 'kici-cli',
      response_type: 'code',
      redirect_uri: 'http://127.0.0.1:65000/callback',
      scope: 'openid email',
      state: 'state-1',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    })) {
      authorize.searchParams.set(name, value);
    }
    const browser = new BrowserAgent();
    const atCallback = (url: string): boolean => url.startsWith('http://127.0.0.1:65000/');
    const login = await browser.open(authorize.toString(), atCallback);
    expect(login.status).toBe(200);
    expect(login.body).toContain('<form method="post"');
    const done = await browser.submit(login, { email: 'headers@example.com' }, undefined, atCallback);
    expect(done.url).toMatch(/^http:\/\/127\.0\.0\.1:65000\/callback\?code=/);
  });

  it('sends no CORS header to any origin when KICI_CORS_ORIGINS is unset', async () => {
    for (const origin of ['https://evil.example.com', 'null', platform.origin]) {
      const preflight = await fetch(`${platform.origin}/api/v1/user`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
      const simple = await fetch(`${platform.origin}/api/v1/user`, { headers: { origin } });
      for (const response of [preflight, simple]) {
        report.tried('CORS requests from unlisted origins');
        const leaked = [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));
        if (leaked.length > 0) report.violation('CORS requests from unlisted origins', `${origin}: ${leaked.join(',')}`);
      }
    }
    expect(report.violations('CORS requests from unlisted origins')).toEqual([]);
  });

  it('allows exactly the configured origins when KICI_CORS_ORIGINS is set', async () => {
    const preflight = (origin: string): Promise<Response> =>
      fetch(`${withCors.origin}/api/v1/user`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    const allowed = await preflight('https://ci.example.com');
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://ci.example.com');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();

    const refused = await preflight('https://evil.example.com');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await fetch(`${withCors.origin}/health`, { headers: { origin: 'https://ci.example.com' } });
    expect(simple.headers.get('access-control-allow-origin')).toBe('https://ci.example.com');
    expect(simple.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});
