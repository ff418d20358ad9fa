import { generateKeyPair, SignJWT } from 'jose';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { AuditSealScheduler } from '../../src/modules/audit/application/sealing/audit-seal-scheduler.js';
import { generateToken } from '../../src/modules/tokens/domain/token-format.js';
import { devIdpToken, patFor } from '../support/dev-idp-tokens.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type RunningTestApp, startTestApp } from '../support/test-app.js';

/** Resolves once no connection was taken from `pool` for `quietMs` in a row. */
async function poolQuietFor(pool: pg.Pool, quietMs: number): Promise<void> {
  let last = Date.now();
  const touch = (): void => {
    last = Date.now();
  };
  pool.on('acquire', touch);
  try {
    while (Date.now() - last < quietMs) await new Promise((resolve) => setTimeout(resolve, 25));
  } finally {
    pool.off('acquire', touch);
  }
}

describe('bearer authentication refuses bad credentials', () => {
  let db: TestDatabase;
  let platform: RunningTestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startTestApp(db.url);
  });

  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  const call = (authorization?: string): Promise<Response> =>
    fetch(`${platform.origin}/api/v1/user`, { headers: authorization === undefined ? {} : { authorization } });

  async function expect401(response: Response, code: string, error?: string): Promise<void> {
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="kici"/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ code, requestId: expect.any(String), ...(error ? { error } : { error: expect.any(String) }) });
    expect(JSON.stringify(body)).not.toMatch(/stack|\.ts:|node_modules/);
  }

  it('answers a missing, blank or non-Bearer Authorization header with 401', async () => {
    await expect401(await call(), 'AUTH.UNAUTHENTICATED');
    expect((await call()).headers.get('www-authenticate')).toBe('Bearer realm="kici"');
    await expect401(await call('   '), 'AUTH.UNAUTHENTICATED');
    await expect401(await call('Bearer '), 'AUTH.UNAUTHENTICATED');
    await expect401(await call('Basic dXNlcjpwYXNz'), 'AUTH.UNAUTHENTICATED');
  });

  it('refuses a 10 KB token and non-ASCII bytes before any parsing', async () => {
    await expect401(await call(`Bearer ${'a'.repeat(10 * 1024)}`), 'AUTH.MALFORMED_TOKEN');
    await expect401(await call(`Bearer kici_pat_\u00e9\u00e9\u00e9\u00e9`), 'AUTH.MALFORMED_TOKEN');
  });

  it('says that orchestrator keys belong on /ws', async () => {
    await expect401(await call(`Bearer ${generateToken('ok')}`), 'AUTH.ORCHESTRATOR_KEY_ON_HTTP', 'Orchestrator keys authenticate only on /ws');
  });

  it('rejects a token with a broken checksum without a database query, unlike an unknown well-formed one', async () => {
    const pool = (platform.app.get(DataSource).driver as unknown as { master: pg.Pool }).master;
    // Work that takes connections on its own schedule must not be counted: the audit sweep is paused, and
    // the previous test's failure (audited after its answer, then sealed) is let finish.
    const sweep = platform.app.get(AuditSealScheduler).sweep;
    await sweep.stop();
    await poolQuietFor(pool, 300);
    let acquired = 0;
    const count = (): void => {
      acquired += 1;
    };
    pool.on('acquire', count);
    try {
      const valid = generateToken('pat');
      const broken = `${valid.slice(0, -1)}${valid.endsWith('0') ? '1' : '0'}`;
      await expect401(await call(`Bearer ${broken}`), 'AUTH.MALFORMED_TOKEN', 'Invalid token');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(acquired).toBe(0);

      await expect401(await call(`Bearer ${valid}`), 'AUTH.INVALID_TOKEN', 'Invalid token');
      expect(acquired).toBeGreaterThan(0);
    } finally {
      pool.off('acquire', count);
      sweep.start();
    }
  });

  it('says an expired PAT has expired', async () => {
    const { id, token } = await patFor(platform, 'expiring@example.com');
    await db.query("UPDATE personal_access_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1", [id]);
    await expect401(await call(`Bearer ${token}`), 'AUTH.TOKEN_EXPIRED', 'Personal access token has expired');
  });

  it('refuses a PAT the moment it expires, though its previous request was answered from the cache of verified tokens', async () => {
    const { id, token } = await patFor(platform, 'soon-expired@example.com');
    // No API makes a 2-second token, so the expiry is set in the table before the token's first use.
    await db.query("UPDATE personal_access_tokens SET expires_at = now() + interval '1500 milliseconds' WHERE id = $1", [id]);
    expect((await call(`Bearer ${token}`)).status).toBe(200);
    expect((await call(`Bearer ${token}`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await expect401(await call(`Bearer ${token}`), 'AUTH.TOKEN_EXPIRED', 'Personal access token has expired');
  });

  it('accepts a JWT of the identity provider (the control for the cases below)', async () => {
    expect((await call(`Bearer ${await devIdpToken(platform, 'control@example.com')}`)).status).toBe(200);
  });

  it('refuses a JWT signed by another key', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ email: 'mallory@example.com' })
      .setProtectedHeader({ alg: 'RS256', kid: 'attacker' })
      .setIssuer(`${platform.origin}/oidc`)
      .setSubject('mallory@example.com')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect401(await call(`Bearer ${forged}`), 'AUTH.INVALID_TOKEN');
  });

  it('refuses a JWT that reuses the real key id but another key', async () => {
    const real = await devIdpToken(platform, 'probe@example.com');
    const kid = (JSON.parse(Buffer.from(real.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid }).setIssuer(`${platform.origin}/oidc`).setSubject('x').setExpirationTime('5m').sign(privateKey);
    await expect401(await call(`Bearer ${forged}`), 'AUTH.INVALID_TOKEN');
  });

  it('refuses alg: none', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ iss: `${platform.origin}/oidc`, sub: 'root@example.com', exp: Math.floor(Date.now() / 1000) + 300 }),
    ).toString('base64url');
    await expect401(await call(`Bearer ${header}.${payload}.`), 'AUTH.INVALID_TOKEN', 'Token signing algorithm is not accepted');
  });

  it('refuses an HMAC JWT keyed with public material', async () => {
    const secret = new TextEncoder().encode('public-jwks-material-public-jwks-material');
    const hmac = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer(`${platform.origin}/oidc`).setSubject('x').setExpirationTime('5m').sign(secret);
    await expect401(await call(`Bearer ${hmac}`), 'AUTH.INVALID_TOKEN', 'Token signing algorithm is not accepted');
  });

  it('refuses an expired JWT, beyond the clock tolerance', async () => {
    await expect401(await call(`Bearer ${await devIdpToken(platform, 'late@example.com', { expiresInSeconds: -120 })}`), 'AUTH.TOKEN_EXPIRED');
  });

  it('refuses a JWT that is not valid yet', async () => {
    const early = await devIdpToken(platform, 'early@example.com', { claims: { nbf: Math.floor(Date.now() / 1000) + 600 } });
    await expect401(await call(`Bearer ${early}`), 'AUTH.INVALID_TOKEN');
  });

  it('refuses a JWT of another issuer, even signed with the right key', async () => {
    const other = await devIdpToken(platform, 'other@example.com', { claims: { iss: 'https://evil.example.com/realms/kici' } });
    await expect401(await call(`Bearer ${other}`), 'AUTH.INVALID_TOKEN');
  });

  it('refuses a garbage opaque token through UserInfo', async () => {
    await expect401(await call('Bearer not-a-real-opaque-token'), 'AUTH.INVALID_TOKEN');
  });

  it('audits failures of well-formed credentials, not malformed noise', async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const rows = await db.query<{ reason: string; credential: string }>(
      "SELECT payload->>'reason' AS reason, payload->>'credential' AS credential FROM audit_events WHERE action = 'auth.failure'",
    );
    expect(rows).toEqual(expect.arrayContaining([{ reason: 'AUTH.TOKEN_EXPIRED', credential: 'pat' }, { reason: 'AUTH.INVALID_TOKEN', credential: 'oidc' }]));
    expect(rows.some((row) => row.reason === 'AUTH.MALFORMED_TOKEN' || row.reason === 'AUTH.UNAUTHENTICATED')).toBe(false);
    const text = JSON.stringify(await db.query("SELECT payload FROM audit_events WHERE action = 'auth.failure'"));
    expect(text).not.toContain('kici_pat_');
  });
});
