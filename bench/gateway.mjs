// Gateway benchmark: N simulated orchestrators authenticated and registered on one Platform replica;
// prints server memory per connection and the HTTP → orchestrator → HTTP proxy round trip (p50/p99) at a
// fixed request rate. Loopback only, bounded in time. Usage: node bench/gateway.mjs [connections] [rate] [seconds]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { importJWK, SignJWT } from 'jose';
import WebSocket from 'ws';

const CONNECTIONS = Number(process.argv[2] ?? 1000);
const RATE = Number(process.argv[3] ?? 200);
const SECONDS = Number(process.argv[4] ?? 5);

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const dataDir = mkdtempSync(join(tmpdir(), 'kici-bench-'));
chmodSync(dataDir, 0o755);
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const platform = spawn(process.execPath, ['dist/src/main.js'], {
  env: { PATH: process.env.PATH, KICI_PORT: String(port), KICI_HOST: '127.0.0.1', KICI_DATA_DIR: dataDir, KICI_LOG_LEVEL: 'warn', NODE_ENV: 'test' },
  stdio: ['ignore', 'ignore', 'inherit'],
});

try {
  for (let i = 0; ; i += 1) {
    if ((await fetch(`${origin}/ready`).catch(() => null))?.ok) break;
    if (i > 300) throw new Error('Platform did not become ready');
    await sleep(100);
  }
  // A user (a JWT signed with the development provider's own key), a PAT, an org and an orchestrator key.
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
  const { id: orgId } = await api(pat, 'POST', '/orgs', { name: 'Bench' });
  const { key } = await api(pat, 'POST', `/orgs/${orgId}/orchestrator-keys`, { name: 'bench' });

  const idleRss = rssKb(platform.pid);
  const sockets = [];
  const answer = { registrations: [], registryVersion: 1, registryUpdatedAt: new Date().toISOString() };
  const connectOne = () =>
    new Promise((resolve, reject) => {
      const socket = new WebSocket(`${origin.replace('http', 'ws')}/ws`, { perMessageDeflate: { threshold: 128, concurrencyLimit: 10 } });
      socket.on('open', () => socket.send(JSON.stringify({ type: 'auth.request', token: key, protocolVersion: 1, capabilities: { orchRole: 'coordinator' } })));
      socket.on('message', (data) => {
        const frame = JSON.parse(data.toString());
        if (frame.type === 'auth.success') socket.send(JSON.stringify({ type: 'source.register', messageId: 'm', sources: [], clusterName: 'bench', version: '0.1.24' }));
        else if (frame.type === 'source.register.ack') resolve(socket);
        else if (frame.type === 'dashboard.registrations.list') socket.send(JSON.stringify({ type: `${frame.type}.response`, requestId: frame.requestId, ...answer }));
      });
      socket.on('error', reject);
    });
  const connectBatch = async (count) => {
    for (let i = 0; i < count; i += 50) sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, count - i) }, connectOne))));
    for (const socket of sockets) socket.send(JSON.stringify({ type: 'heartbeat', timestamp: Date.now() }));
    await sleep(3000);
  };
  // Memory per connection is the marginal cost of the second half: the first half also pays one-off
  // warm-up (JIT, pools, heap growth) that has nothing to do with holding sockets.
  const connectStarted = performance.now();
  await connectBatch(Math.floor(CONNECTIONS / 2));
  const halfRss = rssKb(platform.pid);
  await connectBatch(CONNECTIONS - Math.floor(CONNECTIONS / 2));
  const connectSeconds = (performance.now() - connectStarted) / 1000 - 6;
  const loadedRss = rssKb(platform.pid);

  const latencies = [];
  let failures = 0;
  const total = RATE * SECONDS;
  const started = performance.now();
  const inFlight = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const sent = performance.now();
    inFlight.push(
      fetch(`${origin}/api/v1/orgs/${orgId}/registrations`, { headers: { authorization: `Bearer ${pat}` } }).then(async (response) => {
        await response.arrayBuffer();
        if (response.ok) latencies.push(performance.now() - sent);
        else failures += 1;
      }),
    );
  }
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  const result = {
    connections: CONNECTIONS,
    connectSeconds: Number(connectSeconds.toFixed(2)),
    serverRssIdleMb: Number((idleRss / 1024).toFixed(1)),
    serverRssLoadedMb: Number((loadedRss / 1024).toFixed(1)),
    kbPerConnection: Number(((loadedRss - halfRss) / (CONNECTIONS - Math.floor(CONNECTIONS / 2))).toFixed(1)),
    proxyRate: RATE,
    proxyRequests: total,
    proxyFailures: failures,
    proxyP50Ms: Number(percentile(latencies, 50).toFixed(2)),
    proxyP99Ms: Number(percentile(latencies, 99).toFixed(2)),
  };
  console.log(JSON.stringify(result, null, 2));
  for (const socket of sockets) socket.terminate();
} finally {
  platform.kill('SIGTERM');
  await new Promise((resolve) => platform.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
