import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PlatformProcess } from '../support/platform-process.js';
import { nextClose, openSocket } from '../support/ws-client.js';

/**
 * The built Platform as `npm start` runs it, on its own embedded PostgreSQL: start-up, signals, and
 * recovery after SIGKILL, checked through real HTTP, a real WebSocket and the database itself.
 */
describe('the Platform process', () => {
  let dataDir: string;
  const running: PlatformProcess[] = [];

  const start = (env: Record<string, string> = {}): PlatformProcess => {
    const platform = PlatformProcess.start({ KICI_DATA_DIR: dataDir, ...env });
    running.push(platform);
    return platform;
  };

  async function databaseClient(platform: PlatformProcess): Promise<pg.Client> {
    const { password } = JSON.parse(await readFile(join(dataDir, 'postgres.credentials.json'), 'utf8')) as { password: string };
    const client = new pg.Client({ host: '127.0.0.1', port: await platform.embeddedPostgresPort(), user: 'postgres', password, database: 'postgres' });
    await client.connect();
    return client;
  }

  async function postmasterPid(): Promise<number> {
    return Number((await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
  }

  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kici-process-'));
    await chmod(dataDir, 0o755);
  });

  afterEach(async () => {
    for (const platform of running.splice(0)) {
      platform.kill('SIGTERM');
      await platform.exit();
    }
  });

  afterAll(async () => {
    // A test that failed half-way may leave an orphaned postmaster; never leak it past the suite.
    if (existsSync(join(dataDir, 'postgres', 'postmaster.pid'))) {
      const pid = await postmasterPid().catch(() => 0);
      if (pid > 0 && alive(pid)) process.kill(pid, 'SIGINT');
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts on a fresh data folder with no database configured, ready within 30 s', async () => {
    const startedAt = Date.now();
    const platform = start();
    const origin = await platform.listening(30_000);
    expect((await fetch(`${origin}/health`)).status).toBe(200);
    const ready = await fetch(`${origin}/ready`);
    expect(ready.status).toBe(200);
    expect(Date.now() - startedAt).toBeLessThan(30_000);
    expect((await stat(join(dataDir, 'postgres.credentials.json'))).mode & 0o777).toBe(0o600);
  });

  it('drains on SIGTERM: WebSockets get 1001, the database stops, the exit code is 0', async () => {
    const platform = start();
    const origin = await platform.listening();
    const socket = await openSocket(`${origin.replace('http', 'ws')}/ws`);
    const closed = nextClose(socket);
    const pid = await postmasterPid();

    platform.kill('SIGTERM');
    await expect(closed).resolves.toMatchObject({ code: 1001 });
    await expect(platform.exit()).resolves.toEqual({ code: 0, signal: null });
    expect(alive(pid)).toBe(false);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it('comes back after SIGKILL with its orphaned PostgreSQL still running, and keeps committed data', async () => {
    const first = start();
    await first.listening();
    const client = await databaseClient(first);
    await client.query('CREATE TABLE IF NOT EXISTS crash_probe (n int)');
    await client.query('INSERT INTO crash_probe SELECT generate_series(1, 100)');
    await client.end();
    const orphan = await postmasterPid();

    first.kill('SIGKILL');
    await first.exit();
    expect(alive(orphan)).toBe(true);

    const second = start();
    const origin = await second.listening();
    expect((await fetch(`${origin}/ready`)).status).toBe(200);
    expect(second.logs.some((line) => String(line.msg).includes('Stopping orphaned PostgreSQL'))).toBe(true);
    const check = await databaseClient(second);
    const { rows } = await check.query<{ n: string }>('SELECT count(*) AS n FROM crash_probe');
    await check.end();
    expect(Number(rows[0]!.n)).toBe(100);
  });

  it('comes back after both the Platform and PostgreSQL were SIGKILLed', async () => {
    const first = start();
    await first.listening();
    const client = await databaseClient(first);
    await client.query('INSERT INTO crash_probe VALUES (101)');
    await client.end();
    const postmaster = await postmasterPid();

    first.kill('SIGKILL');
    process.kill(postmaster, 'SIGKILL');
    await first.exit();

    const second = start();
    const origin = await second.listening();
    expect((await fetch(`${origin}/ready`)).status).toBe(200);
    const check = await databaseClient(second);
    const { rows } = await check.query<{ n: string }>('SELECT count(*) AS n FROM crash_probe');
    await check.end();
    expect(Number(rows[0]!.n)).toBe(101);
  });

  it('keeps the development identity provider signing key across restarts', async () => {
    const keyIds = async (origin: string): Promise<string[]> =>
      ((await (await fetch(`${origin}/oidc/jwks`)).json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
    const first = start();
    const before = await keyIds(await first.listening());
    first.kill('SIGTERM');
    await first.exit();
    const second = start();
    expect(await keyIds(await second.listening())).toEqual(before);
    expect((await stat(join(dataDir, 'dev-idp', 'secrets.json'))).mode & 0o777).toBe(0o600);
  });

  it('refuses to serve the development identity provider in production', async () => {
    const platform = start({ NODE_ENV: 'production', KICI_DATABASE_URL: 'postgres://127.0.0.1:1/none' });
    await expect(platform.exit()).resolves.toEqual({ code: 78, signal: null });
    expect(platform.stderr.join('')).toContain('KICI_OIDC_ISSUER: required when NODE_ENV=production');
  });

  it('refuses to start on invalid configuration, naming every problem', async () => {
    const platform = start({ KICI_PORT: 'eighty', KICI_AUTO_MIGRATE: 'perhaps' });
    await expect(platform.exit()).resolves.toEqual({ code: 78, signal: null });
    const message = platform.stderr.join('');
    expect(message).toContain('Invalid configuration');
    expect(message).toContain('KICI_PORT');
    expect(message).toContain('KICI_AUTO_MIGRATE');
  });
});
