// Scenario 3 — webhook relay: 2 KiB JSON webhooks POSTed to the generic ingress and relayed to one connected
// simulated orchestrator (which acks each), against a bare Fastify server that takes the same request and
// answers at once, alternating in rounds (the median round's ratio is kept). The sender names no delivery
// id, as many generic senders do; full runs also report deliveries that name one. Plus the throughput of
// 10 MiB bodies through the relay (and through the bare server).
import { randomBytes } from 'node:crypto';
import { forkReady, measure, stopChild } from '../lib/load.mjs';
import { check, comparison } from '../lib/report.mjs';
import { alternatingRounds, medianRound } from '../lib/rounds.mjs';

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
  const rounds = quick ? 1 : 3;
  const path = `/webhook/${seed.orgId}/generic/bench`;
  const routingKey = `generic:${seed.orgId}:bench`;
  const orchestrator = forkReady(new URL('../lib/relay-orchestrator.mjs', import.meta.url), [`${platform.origin.replace('http', 'ws')}/ws`, seed.key, routingKey, '1'], { cpus: cpus.client });
  const echo = forkReady(new URL('../baselines/echo-server.mjs', import.meta.url), [], { cpus: cpus.server });
  try {
    await orchestrator.ready;
    const echoPort = await echo.ready;
    const post = (origin) => (window) => measure(`${origin}${path}`, { connections, ...window, method: 'POST', headers, body: smallBody });
    const pairs = await alternatingRounds(post(platform.origin), post(`http://127.0.0.1:${echoPort}`), rounds, timing);
    const row = medianRound(`POST 2 KiB JSON to ${path.replace(seed.orgId, ':orgId')}, ${connections} connections`, pairs, 'bare Fastify echo');
    // Informational, so left out of --quick: deliveries whose id the sender names, whose event-log row
    // is committed before the answer (a redelivery must find it), unlike the anonymous ones above.
    const named = quick ? null : await measure(`${platform.origin}${path}`, { connections, ...timing, method: 'POST', headers, body: smallBody, setupRequest: namedDelivery() });
    const namedRow = named && { ...comparison(`the same with a sender-named delivery id (X-Delivery-Id), row committed before the answer`, named, row.baseline), baselineLabel: 'bare Fastify echo (the median round)' };
    const relayedBig = await bigBodies(`${platform.origin}${path}`, bigCount);
    const bareBig = await bigBodies(`http://127.0.0.1:${echoPort}${path}`, bigCount);
    const relayed = row.platform;
    return {
      title: '3. Webhook relay: ingress → one connected orchestrator → ack, vs bare Fastify echo',
      comparisons: namedRow ? [row, namedRow] : [row],
      figures: { tenMiBBodies: { platform: relayedBig, baseline: bareBig, ratio: Number((relayedBig.mbPerSecond / bareBig.mbPerSecond).toFixed(2)) } },
      checks: [
        check('throughput ratio platform ÷ baseline', row.ratio, '>=', 0.35),
        check('platform p99 (ms)', relayed.p99Ms, '<=', 15, ' ms'),
        check('platform answered 2xx only', pairs.reduce((sum, pair) => sum + pair.platform.non2xx + pair.platform.errors, 0) + (named ? named.non2xx + named.errors : 0), '==', 0),
      ],
    };
  } finally {
    await stopChild(orchestrator.child);
    await stopChild(echo.child);
  }
}

/** Each request its own delivery id, as providers that name theirs send it. */
function namedDelivery() {
  const run = Date.now().toString(36);
  let sent = 0;
  return (request) => ({ ...request, headers: { ...request.headers, 'x-delivery-id': `bench-${run}-${++sent}` } });
}
