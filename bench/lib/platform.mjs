// Starts the built Platform (dist/) as its own process on a fresh embedded database, and signs a user in
// with a JWT from the development identity provider's own key. Shared by the benchmarks.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
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

/** `[command, ...args]` pinned to `cpus` when `taskset` exists, so server and load generator do not fight over a core. */
export function pinned(cpus, command, args) {
  const hasTaskset = spawnSync('taskset', ['-V']).status === 0;
  return hasTaskset && cpus !== null ? ['taskset', ['-c', cpus, command, ...args]] : [command, args];
}

export async function startPlatform({ env = {}, cpus = null } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kici-bench-'));
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const [command, args] = pinned(cpus, process.execPath, ['dist/src/main.js']);
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH, KICI_PORT: String(port), KICI_HOST: '127.0.0.1', KICI_DATA_DIR: dataDir, KICI_LOG_LEVEL: 'warn', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; ; i += 1) {
      if ((await fetch(`${origin}/ready`).catch(() => null))?.ok) break;
      if (i > 300) throw new Error('Platform did not become ready');
      await sleep(100);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, pid: child.pid, dataDir, stop };
}

/** A PAT of a fresh user, an organization they own, and an orchestrator key of it. */
export async function seedOrg(platform, orgName = 'Bench') {
  const { origin, dataDir } = platform;
  await fetch(`${origin}/oidc/.well-known/openid-configuration`);
  const { signingKey } = JSON.parse(readFileSync(join(dataDir, 'dev-idp', 'secrets.json'), 'utf8'));
  const now = Math.floor(Date.now() / 1000);
  const jwt = await new SignJWT({ email: 'bench@example.com', email_verified: true, name: 'bench' })
    .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid })
    .setIssuer(`${origin}/oidc`)
    .setSubject('bench@example.com')
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(await importJWK(signingKey, 'RS256'));
  const api = async (token, method, path, body) => {
    const response = await fetch(`${origin}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
    return response.json();
  };
  const { token: pat } = await api(jwt, 'POST', '/cli/exchange-token', { machineName: 'bench' });
  const { id: orgId } = await api(pat, 'POST', '/orgs', { name: orgName });
  const { key } = await api(pat, 'POST', `/orgs/${orgId}/orchestrator-keys`, { name: 'bench' });
  return { jwt, pat, orgId, key, api };
}

export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
