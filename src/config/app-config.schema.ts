import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: 'must be a whole number' })
    .transform(Number)
    .pipe(z.number().int().min(min, { message: `must be at least ${min}` }).max(max, { message: `must be at most ${max}` }));

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/.+/.test(value), { message: 'must be a postgres:// or postgresql:// URL' });

/**
 * Base path as operators write it ("/kici", "kici/", "/") normalised to either "" (served at the root)
 * or "/segment[/segment…]" without a trailing slash, so joining it with "/api/v1" can never double a slash.
 */
const basePath = z
  .string()
  .trim()
  .refine((value) => /^[A-Za-z0-9._~\-/]*$/.test(value), { message: 'may contain only URL path characters' })
  .transform((value) => {
    const segments = value.split('/').filter((segment) => segment.length > 0);
    return segments.length === 0 ? '' : `/${segments.join('/')}`;
  });

/** A 256-bit key written as base64 (`openssl rand -base64 32`). */
const base64Key = z
  .string()
  .trim()
  .refine((value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32, {
    message: 'must be base64 of exactly 32 bytes (openssl rand -base64 32)',
  })
  .transform((value) => Buffer.from(value, 'base64'));

/**
 * Every environment variable the Platform reads, with its default. `KICI_*` names win over the
 * platform-conventional `PORT` and `DATABASE_URL`, which are honoured only when the `KICI_` ones are unset.
 */
export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  KICI_PORT: integer(0, 65535).optional(),
  PORT: integer(0, 65535).optional(),
  KICI_HOST: z.string().trim().min(1).default('0.0.0.0'),
  KICI_BASE_PATH: basePath.default(''),
  KICI_DATABASE_URL: postgresUrl.optional(),
  DATABASE_URL: postgresUrl.optional(),
  KICI_DATA_DIR: z.string().trim().min(1).default('./.data'),
  KICI_AUTO_MIGRATE: booleanFlag.default(true),
  KICI_DB_POOL_SIZE: integer(1, 200).default(10),
  KICI_BODY_LIMIT_BYTES: integer(1024, 1024 * 1024 * 1024).default(25 * 1024 * 1024),
  KICI_SHUTDOWN_TIMEOUT_MS: integer(0, 600_000).default(10_000),
  KICI_TRUST_PROXY: booleanFlag.default(false),
  KICI_CORS_ORIGINS: z
    .string()
    .transform((value) => value.split(',').map((item) => item.trim().replace(/\/+$/, '')).filter((item) => item.length > 0))
    .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, { message: 'each entry must be an http(s) origin such as https://ci.example.com' })))
    .optional(),
  KICI_AUTH_FAILURES_PER_MINUTE: integer(0, 1_000_000).default(30),
  KICI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'verbose']).default('info'),
  KICI_PUBLIC_URL: z
    .string()
    .trim()
    .refine((value) => /^https?:\/\/[^/]+$/.test(value.replace(/\/+$/, '')), { message: 'must be an http(s) origin such as https://kici.example.com' })
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
  KICI_OIDC_ISSUER: z
    .string()
    .trim()
    .refine((value) => /^https?:\/\/.+/.test(value), { message: 'must be an http(s) URL' })
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
  KICI_OIDC_AUDIENCES: z
    .string()
    .transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item.length > 0))
    .optional(),
  KICI_OIDC_JWKS_CACHE_TTL_MS: integer(1000, 86_400_000).default(300_000),
  KICI_DEV_AUTO_LOGIN: z.email({ message: 'must be an email address' }).optional(),
  KICI_PAT_DEFAULT_TTL_DAYS: integer(1, 3650).default(120),
  KICI_PAT_MAX_TTL_DAYS: integer(1, 3650).default(365),
  KICI_WEBHOOK_PUBLIC_URL: z
    .string()
    .trim()
    .refine((value) => /^https?:\/\/.+/.test(value), { message: 'must be an http(s) URL' })
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
  KICI_WEBHOOK_RELAY_TIMEOUT_MS: integer(100, 60_000).default(5_000),
  KICI_WEBHOOK_MAX_CONCURRENCY_PER_SOURCE: integer(1, 10_000).default(64),
  KICI_WEBHOOK_UNKNOWN_SOURCE_TTL_MS: integer(0, 86_400_000).default(300_000),
  KICI_WEBHOOK_STORE_PAYLOADS: booleanFlag.default(false),
  KICI_WEBHOOK_RETENTION_DAYS: integer(1, 3650).default(30),
  KICI_DASHBOARD_PROXY_TIMEOUT_MS: integer(100, 120_000).default(10_000),
  KICI_RERUN_COOLDOWN_MS: integer(0, 600_000).default(5_000),
  KICI_WS_AUTH_TIMEOUT_MS: integer(100, 60_000).default(5_000),
  KICI_WS_HEARTBEAT_CHECK_MS: integer(50, 300_000).default(30_000),
  KICI_WS_HEARTBEAT_UNHEALTHY_MS: integer(100, 3_600_000).default(90_000),
  KICI_WS_HEARTBEAT_TIMEOUT_MS: integer(100, 3_600_000).default(180_000),
  KICI_SECRET_KEY: base64Key.optional(),
  KICI_WEBHOOK_ALLOW_PRIVATE_TARGETS: booleanFlag.default(false),
  KICI_WEBHOOK_MAX_ATTEMPTS: integer(1, 50).default(15),
  KICI_WEBHOOK_RETRY_BASE_MS: integer(10, 3_600_000).default(60_000),
  KICI_WEBHOOK_RETRY_MAX_DELAY_MS: integer(10, 86_400_000).default(8 * 3_600_000),
  KICI_WEBHOOK_TIMEOUT_MS: integer(100, 10_000).default(10_000),
  KICI_WEBHOOK_DISABLE_AFTER_DEAD: integer(1, 1000).default(5),
  KICI_WEBHOOK_WORKER: booleanFlag.default(true),
  KICI_LOW_PRIORITY_V8_WORKERS: booleanFlag.default(true),
  KICI_WEBHOOK_WORKER_CONCURRENCY: integer(1, 50).default(4),
  KICI_WEBHOOK_POLL_INTERVAL_MS: integer(500, 60_000).default(2_000),
  KICI_PLATFORM_INSTANCE_ID: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, { message: 'must be 1-64 characters of letters, digits, ".", "_" or "-"' })
    .optional(),
});

export type RawEnvironment = z.infer<typeof environmentSchema>;

/** Names of all variables the schema knows, used to warn about misspelt `KICI_*` settings. */
export const knownVariableNames: ReadonlySet<string> = new Set(Object.keys(environmentSchema.shape));
