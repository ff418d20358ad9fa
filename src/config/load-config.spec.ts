import { ConfigError, loadConfig } from './load-config.js';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({}, '/srv/kici');
    expect(config).toMatchObject({
      nodeEnv: 'development',
      dataDir: '/srv/kici/.data',
      http: { host: '0.0.0.0', port: 3000, basePath: '', bodyLimitBytes: 26_214_400, trustProxy: false, corsOrigins: [], authFailuresPerMinute: 30, shutdownTimeoutMs: 10_000 },
      database: { url: null, autoMigrate: true, poolSize: 10 },
      log: { level: 'info' },
      lowPriorityV8Workers: true,
      unknownVariables: [],
    });
    expect(config.instanceId).toMatch(/.+-[0-9a-f]{8}$/);
  });

  it('runs V8 worker threads at their usual priority when KICI_LOW_PRIORITY_V8_WORKERS is false', () => {
    expect(loadConfig({ KICI_LOW_PRIORITY_V8_WORKERS: 'false' }).lowPriorityV8Workers).toBe(false);
  });

  it('prefers KICI_PORT and KICI_DATABASE_URL over PORT and DATABASE_URL', () => {
    const config = loadConfig({ PORT: '8080', KICI_PORT: '9090', DATABASE_URL: 'postgres://a/b', KICI_DATABASE_URL: 'postgres://c/d' });
    expect(config.http.port).toBe(9090);
    expect(config.database.url).toBe('postgres://c/d');
  });

  it('honours PORT and DATABASE_URL when the KICI_ names are unset', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgresql://u:p@db:5432/kici' });
    expect(config.http.port).toBe(8080);
    expect(config.database.url).toBe('postgresql://u:p@db:5432/kici');
  });

  it.each([
    ['/', ''],
    ['', ''],
    ['kici', '/kici'],
    ['/kici/', '/kici'],
    ['//a//b/', '/a/b'],
  ])('normalises KICI_BASE_PATH %j to %j', (input, expected) => {
    expect(loadConfig({ KICI_BASE_PATH: input }).http.basePath).toBe(expected);
  });

  it('reads booleans and resolves the data folder against the working directory', () => {
    const config = loadConfig({ KICI_AUTO_MIGRATE: 'false', KICI_TRUST_PROXY: '1', KICI_DATA_DIR: 'state' }, '/opt/app');
    expect(config.database.autoMigrate).toBe(false);
    expect(config.http.trustProxy).toBe(true);
    expect(config.dataDir).toBe('/opt/app/state');
  });

  it('lists every invalid setting at once', () => {
    let error: unknown;
    try {
      loadConfig({ KICI_PORT: '70000', KICI_DATABASE_URL: 'mysql://x', KICI_LOG_LEVEL: 'loud', KICI_BASE_PATH: '/a b' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['KICI_PORT', 'KICI_DATABASE_URL', 'KICI_LOG_LEVEL', 'KICI_BASE_PATH']) expect(problems).toContain(name);
  });

  it('refuses a body limit below 1 KiB and non-numeric numbers', () => {
    expect(() => loadConfig({ KICI_BODY_LIMIT_BYTES: '10' })).toThrow(/KICI_BODY_LIMIT_BYTES/);
    expect(() => loadConfig({ KICI_SHUTDOWN_TIMEOUT_MS: '5s' })).toThrow(/KICI_SHUTDOWN_TIMEOUT_MS/);
  });

  it('requires a database URL and an external identity provider in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', KICI_OIDC_ISSUER: 'https://id.example.com' })).toThrow(
      /KICI_DATABASE_URL: required when NODE_ENV=production/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/kici' })).toThrow(
      /KICI_OIDC_ISSUER: required when NODE_ENV=production/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/kici', KICI_OIDC_ISSUER: 'https://id.example.com' })).toThrow(
      /KICI_SECRET_KEY: required when NODE_ENV=production/,
    );
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/kici', KICI_OIDC_ISSUER: 'https://id.example.com/', KICI_SECRET_KEY: KEY });
    expect(config.oidc.issuer).toBe('https://id.example.com');
  });

  it('reads the secret key and the outbound webhook settings', () => {
    expect(loadConfig({}).secretKey).toBeNull();
    expect(loadConfig({ KICI_SECRET_KEY: KEY }).secretKey).toEqual(Buffer.alloc(32, 7));
    expect(() => loadConfig({ KICI_SECRET_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/KICI_SECRET_KEY: must be base64 of exactly 32 bytes/);
    expect(loadConfig({}).webhooks).toMatchObject({ allowPrivateTargets: false, allowHttp: false, maxAttempts: 15, timeoutMs: 10_000, workerEnabled: true });
    expect(loadConfig({ KICI_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' }).webhooks.allowHttp).toBe(true);
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/kici', KICI_OIDC_ISSUER: 'https://id.example.com', KICI_SECRET_KEY: KEY };
    expect(loadConfig({ ...production, KICI_WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' }).webhooks.allowHttp).toBe(false);
    expect(() => loadConfig({ KICI_WEBHOOK_TIMEOUT_MS: '60000' })).toThrow(/KICI_WEBHOOK_TIMEOUT_MS/);
  });

  it('allows automatic dev login only with the development identity provider', () => {
    expect(loadConfig({ KICI_DEV_AUTO_LOGIN: 'ada@example.com' }).oidc.devAutoLoginEmail).toBe('ada@example.com');
    expect(() => loadConfig({ KICI_DEV_AUTO_LOGIN: 'ada@example.com', KICI_OIDC_ISSUER: 'https://id.example.com' })).toThrow(/KICI_DEV_AUTO_LOGIN/);
    expect(() => loadConfig({ KICI_DEV_AUTO_LOGIN: 'not-an-email' })).toThrow(/KICI_DEV_AUTO_LOGIN/);
  });

  it('reads PAT lifetimes and OIDC audiences', () => {
    const config = loadConfig({ KICI_PAT_DEFAULT_TTL_DAYS: '30', KICI_PAT_MAX_TTL_DAYS: '90', KICI_OIDC_AUDIENCES: 'kici-cli, dashboard,' });
    expect(config.pats).toEqual({ defaultTtlDays: 30, maxTtlDays: 90 });
    expect(config.oidc.audiences).toEqual(['kici-cli', 'dashboard']);
    expect(() => loadConfig({ KICI_PAT_DEFAULT_TTL_DAYS: '400' })).toThrow(/KICI_PAT_DEFAULT_TTL_DAYS/);
  });

  it('reads CORS origins as a comma list of http(s) origins, and the failed-authentication limit', () => {
    const config = loadConfig({ KICI_CORS_ORIGINS: 'https://ci.example.com/, http://localhost:5173,', KICI_AUTH_FAILURES_PER_MINUTE: '0' });
    expect(config.http).toMatchObject({ corsOrigins: ['https://ci.example.com', 'http://localhost:5173'], authFailuresPerMinute: 0 });
    expect(() => loadConfig({ KICI_CORS_ORIGINS: '*' })).toThrow(/KICI_CORS_ORIGINS/);
    expect(() => loadConfig({ KICI_CORS_ORIGINS: 'https://ci.example.com/path' })).toThrow(/KICI_CORS_ORIGINS/);
  });

  it('reports unknown KICI_ settings so typos are noticed', () => {
    expect(loadConfig({ KICI_PROT: '1', HOME: '/root', KICI_PORT: '1' }).unknownVariables).toEqual(['KICI_PROT']);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ KICI_PORT: '', KICI_DATABASE_URL: '' })).toMatchObject({ http: { port: 3000 }, database: { url: null } });
  });
});
