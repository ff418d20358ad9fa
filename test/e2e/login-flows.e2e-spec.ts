import { BrowserAgent } from '../support/browser-agent.js';
import { deviceLogin, discover, exchangeForPat, pkceLogin } from '../support/cli-login-client.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';
import { auditSealed } from '../support/audit-sealing.js';

const CLIENT_ID = 'kici-cli';

/**
 * `kici login` end to end against the development identity provider: discovery, the browser (PKCE) and
 * device flows driven exactly as the CLI drives them, the token exchange, and the PAT it yields, up to
 * `kici logout` revoking it.
 */
describe('kici login flows', () => {
  let db: TestDatabase;
  let platform: RunningTestApp;
  let issuer: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startTestApp(db.url);
    issuer = `${platform.origin}/oidc`;
  });

  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  const api = (path: string, token: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${platform.origin}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });

  it('publishes the discovery fields the CLI requires, the JWKS and UserInfo', async () => {
    const document = await discover(issuer);
    expect(document.code_challenge_methods_supported).toEqual(['S256']);
    expect(document.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'urn:ietf:params:oauth:grant-type:device_code']));
    const jwks = (await (await fetch(document.jwks_uri as string)).json()) as { keys: { alg: string; kty: string; d?: string }[] };
    expect(jwks.keys).toEqual([expect.objectContaining({ alg: 'RS256', kty: 'RSA' })]);
    expect(jwks.keys[0]!.d).toBeUndefined();
    expect(document.userinfo_endpoint).toEqual(expect.any(String));
  });

  it('browser flow: PKCE with a loopback callback, the login form, an RS256 JWT, then a working PAT', async () => {
    const browser = new BrowserAgent();
    const accessToken = await pkceLogin(issuer, CLIENT_ID, async (url) => {
      const loginPage = await browser.open(url, (next) => next.includes('/callback'));
      expect(loginPage.body).toContain('Sign in to KiCI');
      await browser.submit(loginPage, { email: 'Ada@Example.com', name: 'Ada Lovelace' }, undefined, (next) => next.includes('/callback'));
      // The callback itself is the CLI's loopback server: the "browser" opens it.
      await fetch(browser.visited.at(-1)!);
    });
    expect(JSON.parse(Buffer.from(accessToken.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'RS256' });

    const exchanged = await exchangeForPat(platform.origin, accessToken, 'ada-laptop');
    expect(exchanged.status).toBe(201);
    const pat = (await exchanged.json()) as { id: string; token: string; expiresAt: string; name: string };
    expect(pat).toEqual({ id: expect.any(String), token: expect.stringMatching(/^kici_pat_/), expiresAt: expect.any(String), name: 'ada-laptop' });
    const days = (Date.parse(pat.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(119.9);
    expect(days).toBeLessThanOrEqual(120);

    const profile = await api('/api/v1/user', pat.token);
    expect(profile.status).toBe(200);
    expect(await profile.json()).toMatchObject({ email: 'ada@example.com', displayName: 'Ada Lovelace', credential: { kind: 'pat', patId: pat.id } });

    // `kici org list` with the new PAT: the personal organization, owned.
    const orgs = await api('/api/v1/user/orgs', pat.token);
    expect(orgs.status).toBe(200);
    expect(await orgs.json()).toEqual({ orgs: [expect.objectContaining({ id: expect.stringMatching(/^org_/), isOwner: true })] });

    // `kici logout`: DELETE with an empty JSON body, then the same PAT is refused on the next request.
    const logout = await api(`/api/v1/pats/${pat.id}`, pat.token, { method: 'DELETE' });
    expect(logout.status).toBe(204);
    const after = await api('/api/v1/user/orgs', pat.token);
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: 'Personal access token has been revoked', code: 'AUTH.INVALID_TOKEN' });

    await auditSealed(db);
    const audit = await db.query<{ action: string }>("SELECT action FROM audit_events WHERE action IN ('user.create','pat.create','pat.revoke') ORDER BY seq");
    expect(audit.map((row) => row.action)).toEqual(expect.arrayContaining(['user.create', 'pat.create', 'pat.revoke']));
  });

  it('device flow: polling sees authorization_pending until the person approves, then yields a PAT', async () => {
    const browser = new BrowserAgent();
    const { accessToken, log } = await deviceLogin(issuer, CLIENT_ID, async (authorization, pollAnswers) => {
      expect(authorization.user_code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
      // The person gets to the link only after the CLI has polled at least once.
      while (pollAnswers.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      // The link carries the code; its page posts it by script, as a browser would at once.
      const autoPost = await browser.open(authorization.verification_uri_complete!);
      const confirm = await browser.submit(autoPost);
      expect(confirm.body).toContain(authorization.user_code);
      const login = await browser.submit(confirm, {}, 'op.deviceConfirmForm');
      const done = await browser.submit(login, { email: 'grace@example.com', name: 'Grace Hopper' });
      expect(done.body).toContain('Device connected');
    });
    expect(log.answers.length).toBeGreaterThanOrEqual(1);
    expect(log.answers.every((answer) => answer === 'authorization_pending' || answer === 'slow_down')).toBe(true);

    const exchanged = await exchangeForPat(platform.origin, accessToken, 'grace-ci-box');
    expect(exchanged.status).toBe(201);
    const { token } = (await exchanged.json()) as { token: string };
    const profile = await api('/api/v1/user', token);
    expect(await profile.json()).toMatchObject({ email: 'grace@example.com', displayName: 'Grace Hopper' });
  });

  it('the same person signing in twice is one user', async () => {
    const rows = await db.query<{ n: string }>("SELECT count(*) AS n FROM users WHERE email = 'ada@example.com'");
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('refuses a PAT on the token exchange', async () => {
    const browser = new BrowserAgent();
    const accessToken = await pkceLogin(issuer, CLIENT_ID, async (url) => {
      const page = await browser.open(url, (next) => next.includes('/callback'));
      await browser.submit(page, { email: 'ada@example.com' }, undefined, (next) => next.includes('/callback'));
      await fetch(browser.visited.at(-1)!);
    });
    const { token } = (await (await exchangeForPat(platform.origin, accessToken, 'm')).json()) as { token: string };
    const second = await exchangeForPat(platform.origin, token, 'm2');
    expect(second.status).toBe(403);
    expect(await second.json()).toMatchObject({ code: 'AUTH.CREDENTIAL_NOT_ACCEPTED' });
  });
});

describe('KICI_DEV_AUTO_LOGIN', () => {
  let db: TestDatabase;
  let platform: RunningTestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startTestApp(db.url, { KICI_DEV_AUTO_LOGIN: 'robot@example.com' });
  });

  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it('completes the browser flow with a plain redirect-following GET, as KICI_BROWSER_CMD="curl -sL …" does', async () => {
    const accessToken = await pkceLogin(`${platform.origin}/oidc`, CLIENT_ID, async (url) => {
      // curl -L: follow every redirect, cookies included, submit nothing.
      const browser = new BrowserAgent();
      const last = await browser.open(url);
      expect(last.body).toContain('Login success!');
    });
    const exchanged = await exchangeForPat(platform.origin, accessToken, 'robot');
    expect(exchanged.status).toBe(201);
    const { token } = (await exchanged.json()) as { token: string };
    const profile = await fetch(`${platform.origin}/api/v1/user`, { headers: { authorization: `Bearer ${token}` } });
    expect(await profile.json()).toMatchObject({ email: 'robot@example.com' });
  });
});
