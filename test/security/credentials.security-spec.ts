import { generateKeyPair, SignJWT } from 'jose';
import { generateToken } from '../../src/modules/tokens/domain/token-format.js';
import { devIdpToken, patFor } from '../support/dev-idp-tokens.js';
import { brokenVariants, sameStartAs } from '../support/forged-tokens.js';
import { apiCaller, createOrg, join, roleId, signIn, type TestUser } from '../support/org-fixture.js';
import { SecurityReport } from '../support/security-report.js';
import { SimulatedOrchestrator } from '../support/simulated-orchestrator.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';

const report = new SecurityReport('credentials');
const INVALID_TOKEN_CHALLENGE = 'Bearer realm="kici", error="invalid_token"';

/**
 * Every credential the Platform takes, broken every way we know: tampered, truncated, revoked, expired,
 * out of scope, outliving its creator's power, used on the wrong transport, forged JWTs; plus the
 * failed-authentication throttles on HTTP and /ws, and that a token lookup does not time-leak prefixes.
 */
describe('credentials', () => {
  let db: TestDatabase;
  let platform: RunningTestApp;
  let replica: RunningTestApp;
  let call: ReturnType<typeof apiCaller>;
  let owner: TestUser;
  let orgId: string;
  const tokens: Record<'pat' | 'sk' | 'sa', string> = { pat: '', sk: '', sa: '' };

  beforeAll(async () => {
    db = await createTestDatabase();
    // No failed-authentication limit here: this suite fails on purpose, hundreds of times, from one address.
    platform = await startTestApp(db.url, { KICI_AUTH_FAILURES_PER_MINUTE: '0' });
    replica = await startTestApp(db.url, { KICI_AUTH_FAILURES_PER_MINUTE: '0', KICI_OIDC_ISSUER: `${platform.origin}/oidc` });
    call = apiCaller(platform);
    owner = await signIn(platform, 'owner@example.com');
    orgId = await createOrg(platform, owner, 'Credential Co');
    tokens.pat = owner.token;
    tokens.sk = ((await (await call(owner.token, 'POST', `/orgs/${orgId}/api-keys`, { name: 'k', permissions: { members: 'read' } })).json()) as { token: string }).token;
    tokens.sa = await serviceAccountKey('robot');
  });

  afterAll(async () => {
    await replica?.close();
    await platform?.close();
    await db?.drop();
  });

  async function serviceAccountKey(name: string): Promise<string> {
    const member = await roleId(platform, owner, orgId, 'Member');
    const { id } = (await (await call(owner.token, 'POST', `/orgs/${orgId}/service-accounts`, { name, roleIds: [member] })).json()) as { id: string };
    return ((await (await call(owner.token, 'POST', `/orgs/${orgId}/service-accounts/${id}/keys`)).json()) as { key: string }).key;
  }

  const members = (token: string, on: RunningTestApp = platform): Promise<Response> =>
    fetch(`${on.origin}/api/v1/orgs/${orgId}/members`, { headers: { authorization: `Bearer ${token}` } });

  /** A refused credential: 401, the RFC 6750 challenge with error="invalid_token", and no internals. */
  async function refused(category: string, label: string, response: Response, error?: string): Promise<void> {
    report.tried(category);
    const text = await response.text();
    const problems: string[] = [];
    if (response.status !== 401) problems.push(`status ${response.status}`);
    if (response.headers.get('www-authenticate') !== INVALID_TOKEN_CHALLENGE) problems.push(`challenge ${response.headers.get('www-authenticate')}`);
    if (/stack|\.ts:|node_modules|Credential Co/.test(text)) problems.push('leaks internals');
    if (error && !text.includes(`"error":"${error}"`)) problems.push(`error text: ${text}`);
    if (problems.length > 0) report.violation(category, `${label}: ${problems.join('; ')}`);
  }

  it('refuses tampered, truncated and checksum-broken tokens of every family', async () => {
    for (const [family, token] of Object.entries(tokens)) {
      expect((await members(token)).status).toBe(200);
      for (const [how, broken] of Object.entries(brokenVariants(token))) {
        await refused('tampered or truncated tokens', `${family} ${how}`, await members(broken));
      }
    }
    expect(report.violations('tampered or truncated tokens')).toEqual([]);
  });

  it('refuses revoked credentials, on the other replica within a second', async () => {
    const pat = await patFor(platform, 'owner@example.com', 'revocable');
    const { id: keyId, token: key } = (await (await call(owner.token, 'POST', `/orgs/${orgId}/api-keys`, { name: 'revocable', permissions: { members: 'read' } })).json()) as { id: string; token: string };
    const member = await roleId(platform, owner, orgId, 'Member');
    const { id: saId } = (await (await call(owner.token, 'POST', `/orgs/${orgId}/service-accounts`, { name: 'revocable', roleIds: [member] })).json()) as { id: string };
    const sa = (await (await call(owner.token, 'POST', `/orgs/${orgId}/service-accounts/${saId}/keys`)).json()) as { id: string; key: string };
    const cases = [
      { name: 'PAT', token: pat.token, revoke: () => call(pat.token, 'DELETE', `/pats/${pat.id}`) },
      { name: 'API key', token: key, revoke: () => call(owner.token, 'DELETE', `/orgs/${orgId}/api-keys/${keyId}`) },
      { name: 'service-account key', token: sa.key, revoke: () => call(owner.token, 'DELETE', `/orgs/${orgId}/service-accounts/${saId}/keys/${sa.id}`) },
    ];
    for (const credential of cases) {
      expect((await members(credential.token, replica)).status).toBe(200);
      expect((await credential.revoke()).status).toBe(204);
      const revokedAt = Date.now();
      let status = 200;
      while (status === 200 && Date.now() - revokedAt < 1000) status = (await members(credential.token, replica)).status;
      const elapsed = Date.now() - revokedAt;
      if (status !== 401) report.violation('revoked credentials', `${credential.name} still accepted by the other replica after ${elapsed} ms`);
      await refused('revoked credentials', `${credential.name} on the replica that revoked it`, await members(credential.token));
      await refused('revoked credentials', `${credential.name} on the other replica`, await members(credential.token, replica));
    }
    expect(report.violations('revoked credentials')).toEqual([]);
  });

  it('refuses an expired PAT with the documented text', async () => {
    const { id, token } = await patFor(platform, 'owner@example.com', 'expiring');
    await db.query("UPDATE personal_access_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", [id]);
    await refused('expired credentials', 'PAT', await members(token), 'Personal access token has expired');
    await refused('expired credentials', 'PAT on the other replica', await members(token, replica), 'Personal access token has expired');
    await refused('expired credentials', 'JWT', await members(await devIdpToken(platform, 'owner@example.com', { expiresInSeconds: -120 })));
    expect(report.violations('expired credentials')).toEqual([]);
  });

  it('holds a PAT to its scopes, and an API key to its creator’s current level', async () => {
    const created = await call(owner.token, 'POST', '/pats', { name: 'runs only', scopes: { runs: 'read' } });
    const scoped = ((await created.json()) as { token: string }).token;
    expect((await call(scoped, 'GET', `/orgs/${orgId}/runs`)).status).toBe(200);
    const outOfScope = await members(scoped);
    expect({ status: outOfScope.status, body: await outOfScope.json() }).toEqual({
      status: 403,
      body: expect.objectContaining({ error: 'Insufficient permission: members.read needed' }),
    });

    const creator = await join(platform, orgId, owner, 'keymaker@example.com');
    const role = (await (await call(owner.token, 'POST', `/orgs/${orgId}/roles`, { name: 'key maker', permissions: { api_keys: 'write', members: 'read' } })).json()) as { id: string };
    await call(owner.token, 'PUT', `/orgs/${orgId}/members/${creator.userId}/roles/${role.id}`);
    await call(owner.token, 'DELETE', `/orgs/${orgId}/members/${creator.userId}/roles/${await roleId(platform, owner, orgId, 'Member')}`);
    const key = ((await (await call(creator.token, 'POST', `/orgs/${orgId}/api-keys`, { name: 'made by keymaker', permissions: { members: 'read' } })).json()) as { token: string }).token;
    expect((await members(key)).status).toBe(200);
    await call(owner.token, 'PATCH', `/orgs/${orgId}/roles/${role.id}`, { permissions: { api_keys: 'write' } });
    expect((await members(key)).status).toBe(403);
    expect((await members(key, replica)).status).toBe(403);
    await call(owner.token, 'DELETE', `/orgs/${orgId}/members/${creator.userId}`);
    expect([401, 403]).toContain((await members(key)).status);
    report.tried('scopes and creator demotion', 5);
  });

  it('keeps orchestrator keys off HTTP and every other credential off /ws', async () => {
    const orchestratorKey = ((await (await call(owner.token, 'POST', `/orgs/${orgId}/orchestrator-keys`, { name: 'o' })).json()) as { key: string }).key;
    await refused('credentials on the wrong transport', 'kici_ok_ on HTTP', await members(orchestratorKey), 'Orchestrator keys authenticate only on /ws');
    await refused('credentials on the wrong transport', 'unknown kici_ok_ on HTTP', await members(generateToken('ok')), 'Orchestrator keys authenticate only on /ws');
    for (const [family, token] of Object.entries({ ...tokens, oidc: await devIdpToken(platform, 'owner@example.com') })) {
      report.tried('credentials on the wrong transport');
      const orch = await SimulatedOrchestrator.open(`${platform.origin.replace('http', 'ws')}/ws`);
      orch.send({ type: 'auth.request', token, protocolVersion: 1 });
      const failure = await orch.next('auth.failure').catch(() => null);
      const { code } = await orch.closed;
      if (!failure || code !== 4001) report.violation('credentials on the wrong transport', `${family} on /ws: ${JSON.stringify(failure)} closed ${code}`);
    }
    expect(report.violations('credentials on the wrong transport')).toEqual([]);
  });

  it('refuses forged and misaddressed JWTs', async () => {
    const user = (app: RunningTestApp, token: string): Promise<Response> => fetch(`${app.origin}/api/v1/user`, { headers: { authorization: `Bearer ${token}` } });
    const issuer = `${platform.origin}/oidc`;
    const now = Math.floor(Date.now() / 1000);
    const unsigned = (claims: Record<string, unknown>): string =>
      `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ email: 'owner@example.com' }).setProtectedHeader({ alg: 'RS256', kid: 'attacker' }).setIssuer(issuer).setSubject('owner@example.com').setExpirationTime('5m').sign(privateKey);
    const [header, , signature] = (await devIdpToken(platform, 'nobody@example.com')).split('.');
    const swapped = `${header}.${Buffer.from(JSON.stringify({ iss: issuer, sub: 'owner@example.com', exp: now + 300 })).toString('base64url')}.${signature}`;

    expect((await user(platform, await devIdpToken(platform, 'owner@example.com'))).status).toBe(200);
    const cases: [string, string][] = [
      ['alg none', unsigned({ iss: issuer, sub: 'owner@example.com', exp: now + 300 })],
      ['signed by another key', forged],
      ['wrong issuer', await devIdpToken(platform, 'owner@example.com', { claims: { iss: 'https://evil.example.com/oidc' } })],
      ['expired', await devIdpToken(platform, 'owner@example.com', { expiresInSeconds: -120 })],
      ['not yet valid', await devIdpToken(platform, 'owner@example.com', { claims: { nbf: now + 600 } })],
      ['kid not in the JWKS', await devIdpToken(platform, 'owner@example.com', { header: { kid: 'not-in-the-jwks' } })],
      ['truncated signature', (await devIdpToken(platform, 'owner@example.com')).slice(0, -5)],
      ['payload swapped under a valid signature', swapped],
    ];
    for (const [name, token] of cases) await refused('forged or misaddressed JWTs', name, await user(platform, token));
    expect(report.violations('forged or misaddressed JWTs')).toEqual([]);
  });

  it('refuses JWTs for another audience when KICI_OIDC_AUDIENCES is set', async () => {
    // A replica that requires an audience, trusting the first one's identity provider.
    const audienced = await startTestApp(db.url, { KICI_AUTH_FAILURES_PER_MINUTE: '0', KICI_OIDC_AUDIENCES: 'kici-cli,dashboard', KICI_OIDC_ISSUER: `${platform.origin}/oidc` });
    try {
      const user = (token: string): Promise<Response> => fetch(`${audienced.origin}/api/v1/user`, { headers: { authorization: `Bearer ${token}` } });
      expect((await user(await devIdpToken(platform, 'aud@example.com', { claims: { aud: 'kici-cli' } }))).status).toBe(200);
      expect((await user(await devIdpToken(platform, 'aud@example.com', { claims: { aud: ['x', 'dashboard'] } }))).status).toBe(200);
      await refused('forged or misaddressed JWTs', 'wrong audience', await user(await devIdpToken(platform, 'aud@example.com', { claims: { aud: 'somebody-else' } })));
      await refused('forged or misaddressed JWTs', 'no audience where one is required', await user(await devIdpToken(platform, 'aud@example.com')));
    } finally {
      await audienced.close();
    }
    expect(report.violations('forged or misaddressed JWTs')).toEqual([]);
  });

  it('answers a request without credentials with a bare challenge (RFC 6750 §3.1)', async () => {
    const response = await fetch(`${platform.origin}/api/v1/user`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="kici"');
  });

  it('takes as long to refuse an unknown token whether or not a real token starts like it', async () => {
    // Well-formed, unknown tokens: half share the real PAT's display prefix (16 characters) and more, half
    // share nothing. A lookup that narrowed by prefix first would answer the first kind measurably later.
    const samples: Record<'sharing' | 'fresh', number[]> = { sharing: [], fresh: [] };
    const time = async (token: string): Promise<number> => {
      const started = process.hrtime.bigint();
      const response = await members(token);
      await response.arrayBuffer();
      if (response.status !== 401) throw new Error(`expected 401, got ${response.status}`);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    for (let i = 0; i < 20; i++) await time(sameStartAs(tokens.pat, 9));
    for (let i = 0; i < 120; i++) {
      const order: ('sharing' | 'fresh')[] = i % 2 === 0 ? ['sharing', 'fresh'] : ['fresh', 'sharing'];
      for (const kind of order) samples[kind].push(await time(sameStartAs(tokens.pat, kind === 'sharing' ? 24 : 9)));
    }
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const [sharing, fresh] = [median(samples.sharing), median(samples.fresh)];
    report.tried('timing samples (unknown tokens with and without a real prefix)', samples.sharing.length + samples.fresh.length);
    // Noise on a loaded CI machine is a fraction of a millisecond at the median; an extra query or a prefix
    // scan would be a whole round trip to PostgreSQL.
    const tolerance = Math.max(1.5, 0.35 * Math.min(sharing, fresh));
    if (Math.abs(sharing - fresh) > tolerance) report.violation('timing samples (unknown tokens with and without a real prefix)', `median ${sharing.toFixed(2)} ms vs ${fresh.toFixed(2)} ms`);
    expect(report.violations('timing samples (unknown tokens with and without a real prefix)')).toEqual([]);
  });

  it('throttles failed authentications per address on HTTP, before any lookup', async () => {
    const limited = await startTestApp(db.url, { KICI_AUTH_FAILURES_PER_MINUTE: '5' });
    try {
      const user = (token?: string): Promise<Response> => fetch(`${limited.origin}/api/v1/user`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      for (let i = 0; i < 8; i++) expect((await user()).status).toBe(401); // no credentials: no guess, not counted
      for (let i = 0; i < 5; i++) expect((await user(generateToken('pat'))).status).toBe(401);
      const throttled = await user(generateToken('pat'));
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await throttled.json()).toMatchObject({ code: 'HTTP.RATE_LIMITED' });
      // Even the right token waits out the minute: the throttle answers before looking anything up.
      expect((await user(owner.token)).status).toBe(429);
      expect((await fetch(`${limited.origin}/health`)).status).toBe(200);
      report.tried('failed-authentication throttle (HTTP)', 16);
    } finally {
      await limited.close();
    }
  });

  it('throttles failed orchestrator authentications per address on /ws', async () => {
    const gateway = await startTestApp(db.url);
    try {
      const url = `${gateway.origin.replace('http', 'ws')}/ws`;
      const goodKey = ((await (await call(owner.token, 'POST', `/orgs/${orgId}/orchestrator-keys`, { name: 'throttle' })).json()) as { key: string }).key;
      const attempt = async (token: string): Promise<{ reason: unknown; code: number }> => {
        const orch = await SimulatedOrchestrator.open(url);
        orch.send({ type: 'auth.request', token, protocolVersion: 1 });
        const frame = await orch.next('auth.failure').catch(() => ({ reason: null }));
        return { reason: frame.reason, code: (await orch.closed).code };
      };
      for (let i = 0; i < 5; i++) expect(await attempt(generateToken('ok'))).toEqual({ reason: 'Invalid or revoked orchestrator key', code: 4001 });
      expect(await attempt(generateToken('ok'))).toEqual({ reason: 'Too many failed authentications', code: 4001 });
      expect(await attempt(goodKey)).toEqual({ reason: 'Too many failed authentications', code: 4001 });
      expect((await fetch(`${gateway.origin}/health`)).status).toBe(200);
      report.tried('failed-authentication throttle (/ws)', 7);
    } finally {
      await gateway.close();
    }
  });
});
