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
  /** Settings the process did not recognise (misspelt `KICI_*` names), reported at start. */
  readonly unknownVariables: readonly string[];
}

/** Injection token for the `AppConfig` of the running application. */
export const APP_CONFIG = Symbol('APP_CONFIG');
