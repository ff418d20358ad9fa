export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'verbose';

/** The validated configuration of one Platform process. Built once by `loadConfig`; nothing else reads the environment. */
export interface AppConfig {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly instanceId: string;
  readonly dataDir: string;
  readonly http: {
    readonly host: string;
    readonly port: number;
    /** "" or "/a/b": prefix of every route, `/ws` included. */
    readonly basePath: string;
    readonly bodyLimitBytes: number;
    readonly trustProxy: boolean;
    /** Browser origins allowed to call the API cross-origin; empty = no CORS headers at all. */
    readonly corsOrigins: readonly string[];
    /** Failed bearer authentications a client address may make per minute before it gets 429; 0 = no limit. */
    readonly authFailuresPerMinute: number;
    readonly shutdownTimeoutMs: number;
  };
  readonly database: {
    /** null: start the embedded PostgreSQL under `dataDir`. */
    readonly url: string | null;
    readonly autoMigrate: boolean;
    readonly poolSize: number;
  };
  readonly log: {
    readonly level: LogLevel;
  };
  /** Run V8's worker threads (garbage collection, compilation) below the main thread's priority (Linux). */
  readonly lowPriorityV8Workers: boolean;
  /** Origin clients use to reach this Platform; null = `http://localhost:<listening port>`. */
  readonly publicUrl: string | null;
  readonly oidc: {
    /** External identity provider; null = the development provider served under `<base>/oidc`. */
    readonly issuer: string | null;
    /** Accepted `aud` values of access tokens; empty = audience not checked. */
    readonly audiences: readonly string[];
    readonly jwksCacheTtlMs: number;
    /** Development only: the dev provider signs this user in without asking. */
    readonly devAutoLoginEmail: string | null;
  };
  readonly gateway: {
    /** Public base for webhook URLs handed to orchestrators; null = the public origin + base path. */
    readonly webhookPublicUrl: string | null;
    /** How long a proxied request waits for the orchestrator's answer before 504. */
    readonly proxyTimeoutMs: number;
    readonly authTimeoutMs: number;
    readonly heartbeatCheckMs: number;
    readonly heartbeatUnhealthyMs: number;
    readonly heartbeatTimeoutMs: number;
  };
  readonly inboundWebhooks: {
    /** Budget per candidate connection for start + chunks + ack, then the next candidate (spec: 5 s). */
    readonly relayTimeoutMs: number;
    /** Relays of one (org, routing key) in flight on this replica; more get 429 so one source cannot starve others. */
    readonly maxConcurrencyPerSource: number;
    /** How long an unknown (org, routing key) answers 404 without a lookup (spec: 5 min). */
    readonly unknownSourceTtlMs: number;
    /** Keep the body bytes in the event log (off: only their SHA-256 and size). */
    readonly storePayloads: boolean;
    /** Days the event log and finished outbound deliveries are kept (dead ones stay until discarded or requeued). */
    readonly retentionDays: number;
  };
  readonly runs: {
    /** Minimum time between two reruns of one run (HTTP 429 inside it). */
    readonly rerunCooldownMs: number;
  };
  readonly pats: {
    readonly defaultTtlDays: number;
    readonly maxTtlDays: number;
  };
  /**
   * Key that encrypts secrets the Platform must read back (webhook signing secrets). null: none was
   * configured (never in production) and a key file under `dataDir` is used instead.
   */
  readonly secretKey: Buffer | null;
  readonly webhooks: {
    /** Allow loopback, private, link-local… targets, and (outside production) plain http. */
    readonly allowPrivateTargets: boolean;
    /** Plain `http://` targets: only outside production, and only with private targets allowed. */
    readonly allowHttp: boolean;
    /** Attempts per delivery, the first included; after the last the delivery is dead. */
    readonly maxAttempts: number;
    /** Retry n waits a random time in [0, min(maxDelay, base·2^(n-1))] (exponential, full jitter). */
    readonly retryBaseMs: number;
    readonly retryMaxDelayMs: number;
    readonly timeoutMs: number;
    /** Consecutive dead deliveries after which an endpoint is disabled. */
    readonly disableAfterDead: number;
    /** Whether this replica sends deliveries (off: it only records them). */
    readonly workerEnabled: boolean;
    readonly workerConcurrency: number;
    readonly pollIntervalMs: number;
  };
  /** Settings the process did not recognise (misspelt `KICI_*` names), reported at start. */
  readonly unknownVariables: readonly string[];
}

/** Injection token for the `AppConfig` of the running application. */
export const APP_CONFIG = Symbol('APP_CONFIG');
