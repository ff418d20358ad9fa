// Webhook relay benchmark: small webhooks (2 KiB JSON) POSTed to the Platform's generic ingress and relayed
// to one connected simulated orchestrator, which acks each; next to a bare Fastify server that takes the
// same request and answers at once, measured in the same run with the same load. Also the throughput of
// 10 MiB bodies. Loopback only, bounded in time; prints JSON.
// Usage: node bench/webhook-relay.mjs [connections=32] [seconds=10]
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { seedOrg, startPlatform } from './lib/platform.mjs';

const CONNECTIONS = Number(process.argv[2] ?? 32);
const SECONDS = Number(process.argv[3] ?? 10);
const SERVER_CPU = '0';

const smallBody = JSON.stringify({ ref: 'refs/heads/main', repository: { full_name: 'acme/widgets' }, pad: randomBytes(1000).toString('hex') }).slice(0, 2048);
const headers = { 'content-type': 'application/json', 'x-event-type': 'push', 'x-signature-256': 'sha256=00' };

const childReady = (child) =>
  new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
  });

async function load(url) {
  // A short warm-up first, so both sides are measured hot.
  await autocannon({ url, method: 'POST', headers, body: smallBody, connections: CONNECTIONS, duration: 2 });
  const result = await autocannon({ url, method: 'POST', headers, body: smallBody, connections: CONNECTIONS, duration: SECONDS });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function bigBodies(url, count = 5) {
  const body = randomBytes(10 * 1024 * 1024);
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const response = await fetch(url, { method: 'POST', headers, body });
    if (!response.ok) throw new Error(`10 MiB relay answered ${response.status}`);
    await response.arrayBuffer();
  }
  const seconds = (performance.now() - started) / 1000;
  return { bodies: count, mbPerSecond: Number(((count * 10) / seconds).toFixed(1)), msPerBody: Math.round((seconds * 1000) / count) };
}

const platform = await startPlatform({ cpus: SERVER_CPU });
let orchestrator;
let echo;
try {
  const { orgId, key } = await seedOrg(platform);
  const routingKey = `generic:${orgId}:bench`;
  orchestrator = fork(new URL('./lib/relay-orchestrator.mjs', import.meta.url), [`${platform.origin.replace('http', 'ws')}/ws`, key, routingKey, '1']);
  await childReady(orchestrator);
  const platformUrl = `${platform.origin}/webhook/${orgId}/generic/bench`;
  const relayed = await load(platformUrl);
  const big = await bigBodies(platformUrl);

  echo = fork(new URL('./lib/echo-server.mjs', import.meta.url), [], { execArgv: [] });
  const echoPort = await childReady(echo);
  const baseline = await load(`http://127.0.0.1:${echoPort}/webhook/${orgId}/generic/bench`);

  console.log(
    JSON.stringify(
      {
        scenario: 'webhook relay, 2 KiB JSON, one connected orchestrator',
        connections: CONNECTIONS,
        seconds: SECONDS,
        platform: relayed,
        bareFastifyEcho: baseline,
        ratio: Number((relayed.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)),
        tenMiBBodies: big,
      },
      null,
      2,
    ),
  );
} finally {
  orchestrator?.kill();
  echo?.kill();
  await platform.stop();
}
