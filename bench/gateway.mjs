// Gateway benchmark: N simulated orchestrators authenticated and registered on one Platform replica;
// prints server memory per connection and the HTTP → orchestrator → HTTP proxy round trip (p50/p99) at a
// fixed request rate. Loopback only, bounded in time. Usage: node bench/gateway.mjs [connections] [rate] [seconds]
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { percentile, rssKb, seedOrg, startPlatform } from './lib/platform.mjs';

const CONNECTIONS = Number(process.argv[2] ?? 1000);
const RATE = Number(process.argv[3] ?? 200);
const SECONDS = Number(process.argv[4] ?? 5);

const platform = await startPlatform();
const { origin } = platform;

try {
  const { pat, orgId, key } = await seedOrg(platform);

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
  await platform.stop();
}
