// Starts the built Platform (dist/) as its own process on an embedded database (a fresh data dir, or an
// existing one to measure a restart), and signs a user in with a JWT from the development identity
// provider's own key. Shared by the benchmarks.
import { fork, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { importJWK, SignJWT } from 'jose';

export const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

export const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

const hasTaskset = spawnSync('taskset', ['-V']).status === 0;

/** `[command, ...args]` pinned to `cpus` when `taskset` exists, so server and load generator do not fight over a core. */
export function pinned(cpus, command, args) {
  return hasTaskset && cpus !== null ? ['taskset', ['-c', cpus, command, ...args]] : [command, args];
}

/** Pins a running process (all its threads; children it starts later inherit it) to `cpus`; a no-op without `taskset`. */
export function pinProcess(pid, cpus) {
  if (hasTaskset) spawnSync('taskset', ['-a', '-cp', cpus, String(pid)]);
}

/**
 * Raises the nice value of a running process to `nice`, every thread of it (Linux keeps a nice value per
 * thread, and V8's GC and compiler threads started with the process): it yields its core to the others.
 */
export function lowerPriority(pid, nice) {
  if (!existsSync(`/proc/${pid}/task`)) return;
  for (const thread of readdirSync(`/proc/${pid}/task`)) {
    try {
      setPriority(Number(thread), nice);
    } catch {
      // The thread ended since the directory was read.
    }
  }
}

/** Polls `url` until it answers 2xx; returns the milliseconds waited. */
export async function waitUntilOk(url, { timeoutMs = 30_000, intervalMs = 20 } = {}) {
  const started = performance.now();
  while (!(await fetch(url).catch(() => null))?.ok) {
    if (performance.now() - started > timeoutMs) throw new Error(`${url} did not answer 2xx within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
  return performance.now() - started;
}

/**
 * `dataDir`: reuse an existing data dir (kept on stop) instead of a fresh temporary one (removed on stop).
 * `nodeArgs`: extra Node flags for the Platform process, e.g. `--cpu-prof`.
 */
export async function startPlatform({ env = {}, cpus = null, dataDir: existingDataDir = null, nodeArgs = [] } = {}) {
  const dataDir = existingDataDir ?? mkdtempSync(join(tmpdir(), 'kici-bench-'));
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // BENCH_PLATFORM_NODE_ARGS (e.g. "--trace-gc") and BENCH_PLATFORM_STDOUT=1: for looking into a run.
  const extraNodeArgs = process.env.BENCH_PLATFORM_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const [command, args] = pinned(cpus, process.execPath, [...nodeArgs, ...extraNodeArgs, 'dist/src/main.js']);
  const spawnedAt = performance.now();
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH, KICI_PORT: String(port), KICI_HOST: '127.0.0.1', KICI_DATA_DIR: dataDir, KICI_LOG_LEVEL: 'warn', NODE_ENV: 'test', ...env },
    stdio: ['ignore', process.env.BENCH_PLATFORM_STDOUT ? 'inherit' : 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async ({ keepData = existingDataDir !== null } = {}) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    if (!keepData) rmSync(dataDir, { recursive: true, force: true });
  };
  let readyMs;
  try {
    readyMs = await waitUntilOk(`${origin}/ready`, { timeoutMs: 60_000 });
  } catch (error) {
    await stop();
    throw error;
  }
  // With taskset in front, the child is taskset, which execs node: same pid.
  return { origin, pid: child.pid, dataDir, stop, readyMs: readyMs ?? performance.now() - spawnedAt };
}

/**
 * The embedded PostgreSQL the Platform started in its data dir: its port is the 4th line of
 * `postmaster.pid`, the superuser password is kept beside the cluster.
 */
export function databaseUrlOf(dataDir) {
  const port = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const { password } = JSON.parse(readFileSync(join(dataDir, 'postgres.credentials.json'), 'utf8'));
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

/** A JWT for `email` signed with the development identity provider's key, as its login would issue. */
export async function devIdpJwt(platform, email = 'bench@example.com', ttlSeconds = 3600) {
  const { origin, dataDir } = platform;
  await fetch(`${origin}/oidc/.well-known/openid-configuration`);
  const { signingKey } = JSON.parse(readFileSync(join(dataDir, 'dev-idp', 'secrets.json'), 'utf8'));
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ email, email_verified: true, name: email.split('@')[0] })
    .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid })
    .setIssuer(`${origin}/oidc`)
    .setSubject(email)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(await importJWK(signingKey, 'RS256'));
}

/** Calls the Platform's API with a bearer token; throws on a non-2xx answer. */
export function apiClient(origin) {
  return async (token, method, path, body) => {
    const response = await fetch(`${origin}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body && JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  };
}

/** A PAT of a fresh user, an organization they own, and an orchestrator key of it. */
export async function seedOrg(platform, orgName = 'Bench') {
  const jwt = await devIdpJwt(platform);
  const api = apiClient(platform.origin);
  const { token: pat } = await api(jwt, 'POST', '/cli/exchange-token', { machineName: 'bench' });
  const { id: orgId } = await api(pat, 'POST', '/orgs', { name: orgName });
  const { key } = await api(pat, 'POST', `/orgs/${orgId}/orchestrator-keys`, { name: 'bench' });
  return { jwt, pat, orgId, key, api };
}

/**
 * `count` more organizations owned by the user of `seeded` (what `seedOrg` returned), each with an
 * orchestrator key of its own: their keys. Made through the API, as a customer would.
 */
export async function seedOrchestratorOrgs({ api, pat }, count, namePrefix = 'Bench Fleet') {
  const keys = [];
  for (let i = 1; i <= count; i += 1) {
    const { id } = await api(pat, 'POST', '/orgs', { name: `${namePrefix} ${i}` });
    keys.push((await api(pat, 'POST', `/orgs/${id}/orchestrator-keys`, { name: 'bench' })).key);
  }
  return keys;
}

export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * A second Platform process on `platform`'s database and data dir (so its users, tokens and identity
 * provider keys are the same), built by bench/lib/platform-variant.mjs with `flags` (`--probe-routes`,
 * `--without-audit`) and Node flags `nodeArgs`. Returns `{ origin, dataDir, pid, stop }`; `devIdpJwt` works against it.
 */
export async function startPlatformVariant(platform, flags, { cpus = null, env = {}, nodeArgs = [] } = {}) {
  const port = await freePort();
  const child = fork(new URL('./platform-variant.mjs', import.meta.url), flags, {
    env: {
      PATH: process.env.PATH,
      KICI_PORT: String(port),
      KICI_HOST: '127.0.0.1',
      KICI_DATA_DIR: platform.dataDir,
      KICI_DATABASE_URL: databaseUrlOf(platform.dataDir),
      KICI_LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      ...env,
    },
    execArgv: nodeArgs,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  if (cpus !== null) pinProcess(child.pid, cpus);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    exited.then((code) => reject(new Error(`platform-variant ${flags.join(' ')} exited with ${code} before it listened`)));
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  return { origin: `http://127.0.0.1:${port}`, dataDir: platform.dataDir, pid: child.pid, stop };
}
