// Scenario 3 — webhook relay: 2 KiB JSON webhooks POSTed to the generic ingress and relayed to one connected
// simulated orchestrator (which acks each), against a bare Fastify server that takes the same request and
// answers at once. Plus the throughput of 10 MiB bodies through the relay (and through the bare server).
import { randomBytes } from 'node:crypto';
import { forkReady, measure, stopChild } from '../lib/load.mjs';
import { check, comparison } from '../lib/report.mjs';

export const name = 'webhook-relay';

const smallBody = JSON.stringify({ ref: 'refs/heads/main', repository: { full_name: 'acme/widgets' }, pad: randomBytes(1000).toString('hex') }).slice(0, 2048);
const headers = { 'content-type': 'application/json', 'x-event-type': 'push', 'x-signature-256': 'sha256=00' };

async function bigBodies(url, count) {
  const body = randomBytes(10 * 1024 * 1024);
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const response = await fetch(url, { method: 'POST', headers, body });
    if (!response.ok) throw new Error(`10 MiB body answered ${response.status}`);
    await response.arrayBuffer();
  }
  const seconds = (performance.now() - started) / 1000;
  return { bodies: count, mbPerSecond: Number(((count * 10) / seconds).toFixed(1)), msPerBody: Math.round((seconds * 1000) / count) };
}

export async function run({ platform, seed, cpus, timing, quick, connections = 32 }) {
  const bigCount = quick ? 3 : 10;
  const path = `/webhook/${seed.orgId}/generic/bench`;
  const routingKey = `generic:${seed.orgId}:bench`;
  const orchestrator = forkReady(new URL('../lib/relay-orchestrator.mjs', import.meta.url), [`${platform.origin.replace('http', 'ws')}/ws`, seed.key, routingKey, '1'], { cpus: cpus.client });
  const echo = forkReady(new URL('../baselines/echo-server.mjs', import.meta.url), [], { cpus: cpus.server });
  try {
    await orchestrator.ready;
    const relayed = await measure(`${platform.origin}${path}`, { connections, ...timing, method: 'POST', headers, body: smallBody });
    const relayedBig = await bigBodies(`${platform.origin}${path}`, bigCount);
    const echoPort = await echo.ready;
    const bare = await measure(`http://127.0.0.1:${echoPort}${path}`, { connections, ...timing, method: 'POST', headers, body: smallBody });
    const bareBig = await bigBodies(`http://127.0.0.1:${echoPort}${path}`, bigCount);
    const row = { ...comparison(`POST 2 KiB JSON to ${path.replace(seed.orgId, ':orgId')}, ${connections} connections`, relayed, bare), baselineLabel: 'bare Fastify echo' };
    return {
      title: '3. Webhook relay: ingress → one connected orchestrator → ack, vs bare Fastify echo',
      comparisons: [row],
      figures: { tenMiBBodies: { platform: relayedBig, baseline: bareBig, ratio: Number((relayedBig.mbPerSecond / bareBig.mbPerSecond).toFixed(2)) } },
      checks: [
        check('throughput ratio platform ÷ baseline', row.ratio, '>=', 0.35),
        check('platform p99 (ms)', relayed.p99Ms, '<=', 15, ' ms'),
        check('platform answered 2xx only', relayed.non2xx + relayed.errors, '==', 0),
      ],
    };
  } finally {
    await stopChild(orchestrator.child);
    await stopChild(echo.child);
  }
}
