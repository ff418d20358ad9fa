import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from './app-config.js';
import { environmentSchema, knownVariableNames } from './app-config.schema.js';

/** Raised when the environment cannot produce a valid configuration; its message lists every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates an environment (normally `process.env`) into an `AppConfig`.
 * Empty strings count as unset, so `KICI_BASE_PATH=` behaves like no setting at all.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, cwd: string = process.cwd()): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([name, value]) => knownVariableNames.has(name) && value !== undefined && value !== ''),
  );
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`));
  }
  const raw = parsed.data;
  const databaseUrl = raw.KICI_DATABASE_URL ?? raw.DATABASE_URL ?? null;
  if (raw.NODE_ENV === 'production' && databaseUrl === null) {
    // The embedded server is for trying the Platform out; in production a missing URL is a deployment error,
    // and quietly starting an empty database would look like data loss.
    throw new ConfigError(['KICI_DATABASE_URL: required when NODE_ENV=production (the embedded database is for development)']);
  }
  if (raw.NODE_ENV === 'production' && !raw.KICI_OIDC_ISSUER) {
    // The development identity provider signs anyone in; it must never serve a production Platform.
    throw new ConfigError(['KICI_OIDC_ISSUER: required when NODE_ENV=production (the development identity provider is refused there)']);
  }
  if (raw.NODE_ENV === 'production' && !raw.KICI_SECRET_KEY) {
    // A generated key file is fine on one machine; replicas in production must share one managed key.
    throw new ConfigError(['KICI_SECRET_KEY: required when NODE_ENV=production (base64 of 32 random bytes)']);
  }
  if (raw.KICI_DEV_AUTO_LOGIN && (raw.NODE_ENV === 'production' || raw.KICI_OIDC_ISSUER)) {
    throw new ConfigError(['KICI_DEV_AUTO_LOGIN: only for the development identity provider (no KICI_OIDC_ISSUER, NODE_ENV not production)']);
  }
  if (raw.KICI_PAT_DEFAULT_TTL_DAYS > raw.KICI_PAT_MAX_TTL_DAYS) {
    throw new ConfigError(['KICI_PAT_DEFAULT_TTL_DAYS: must not exceed KICI_PAT_MAX_TTL_DAYS']);
  }
  return {
    nodeEnv: raw.NODE_ENV,
    instanceId: raw.KICI_PLATFORM_INSTANCE_ID ?? `${hostname()}-${randomUUID().slice(0, 8)}`,
    dataDir: resolve(cwd, raw.KICI_DATA_DIR),
    http: {
      host: raw.KICI_HOST,
      port: raw.KICI_PORT ?? raw.PORT ?? 3000,
      basePath: raw.KICI_BASE_PATH,
      bodyLimitBytes: raw.KICI_BODY_LIMIT_BYTES,
      trustProxy: raw.KICI_TRUST_PROXY,
      corsOrigins: raw.KICI_CORS_ORIGINS ?? [],
      authFailuresPerMinute: raw.KICI_AUTH_FAILURES_PER_MINUTE,
      shutdownTimeoutMs: raw.KICI_SHUTDOWN_TIMEOUT_MS,
    },
    database: {
      url: databaseUrl,
      autoMigrate: raw.KICI_AUTO_MIGRATE,
      poolSize: raw.KICI_DB_POOL_SIZE,
    },
    log: { level: raw.KICI_LOG_LEVEL },
    lowPriorityV8Workers: raw.KICI_LOW_PRIORITY_V8_WORKERS,
    publicUrl: raw.KICI_PUBLIC_URL ?? null,
    oidc: {
      issuer: raw.KICI_OIDC_ISSUER ?? null,
      audiences: raw.KICI_OIDC_AUDIENCES ?? [],
      jwksCacheTtlMs: raw.KICI_OIDC_JWKS_CACHE_TTL_MS,
      devAutoLoginEmail: raw.KICI_DEV_AUTO_LOGIN ?? null,
    },
    gateway: {
      webhookPublicUrl: raw.KICI_WEBHOOK_PUBLIC_URL ?? null,
      proxyTimeoutMs: raw.KICI_DASHBOARD_PROXY_TIMEOUT_MS,
      authTimeoutMs: raw.KICI_WS_AUTH_TIMEOUT_MS,
      heartbeatCheckMs: raw.KICI_WS_HEARTBEAT_CHECK_MS,
      heartbeatUnhealthyMs: raw.KICI_WS_HEARTBEAT_UNHEALTHY_MS,
      heartbeatTimeoutMs: raw.KICI_WS_HEARTBEAT_TIMEOUT_MS,
    },
    inboundWebhooks: {
      relayTimeoutMs: raw.KICI_WEBHOOK_RELAY_TIMEOUT_MS,
      maxConcurrencyPerSource: raw.KICI_WEBHOOK_MAX_CONCURRENCY_PER_SOURCE,
      unknownSourceTtlMs: raw.KICI_WEBHOOK_UNKNOWN_SOURCE_TTL_MS,
      storePayloads: raw.KICI_WEBHOOK_STORE_PAYLOADS,
      retentionDays: raw.KICI_WEBHOOK_RETENTION_DAYS,
    },
    runs: { rerunCooldownMs: raw.KICI_RERUN_COOLDOWN_MS },
    pats: { defaultTtlDays: raw.KICI_PAT_DEFAULT_TTL_DAYS, maxTtlDays: raw.KICI_PAT_MAX_TTL_DAYS },
    secretKey: raw.KICI_SECRET_KEY ?? null,
    webhooks: {
      allowPrivateTargets: raw.KICI_WEBHOOK_ALLOW_PRIVATE_TARGETS,
      allowHttp: raw.NODE_ENV !== 'production' && raw.KICI_WEBHOOK_ALLOW_PRIVATE_TARGETS,
      maxAttempts: raw.KICI_WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: raw.KICI_WEBHOOK_RETRY_BASE_MS,
      retryMaxDelayMs: raw.KICI_WEBHOOK_RETRY_MAX_DELAY_MS,
      timeoutMs: raw.KICI_WEBHOOK_TIMEOUT_MS,
      disableAfterDead: raw.KICI_WEBHOOK_DISABLE_AFTER_DEAD,
      workerEnabled: raw.KICI_WEBHOOK_WORKER,
      workerConcurrency: raw.KICI_WEBHOOK_WORKER_CONCURRENCY,
      pollIntervalMs: raw.KICI_WEBHOOK_POLL_INTERVAL_MS,
    },
    unknownVariables: Object.keys(env)
      .filter((name) => name.startsWith('KICI_') && !knownVariableNames.has(name))
      .sort(),
  };
}
