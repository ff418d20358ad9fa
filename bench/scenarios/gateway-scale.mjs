// Scenario 4 — gateway scale: N simulated orchestrators (authenticated, registered, heartbeating) held by
// one Platform replica; the server's memory per connection, no socket lost to a missed heartbeat, and the
// HTTP → orchestrator → HTTP proxy round trip at a fixed request rate. Side by side with a bare Fastify + ws
// server holding the same simulated orchestrators and proxying the same request.
//
// Heartbeats: the real orchestrator beats every 30 s and the Platform closes 4004 after 180 s (protocol
// §1.7). A bounded run cannot wait minutes, so the time scale is compressed: clients beat every
// `heartbeatMs` and the Platform is configured with the spec's proportions (check every ½ beat, unhealthy
// after 3 beats, close after 6), and the sockets are held for longer than the close timeout.
import { setTimeout as sleep } from 'node:timers/promises';
import { forkReady, stopChild } from '../lib/load.mjs';
import { percentile, rssKb, seedOrg, startPlatform } from '../lib/platform.mjs';
import { check, ratio } from '../lib/report.mjs';

export const name = 'gateway-scale';

const PER_FLEET = 5000;

/** Sends `message` to a fleet child and waits for its answer of `type`. */
function ask(child, message, type) {
  return new Promise((resolve) => {
    const onMessage = (answer) => {
      if (answer.type !== type) return;
      child.off('message', onMessage);
      resolve(answer);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

/**
 * Open-loop requests at `rate`/s for `seconds` (each sent on schedule, whether or not earlier ones answered);
 * a request not answered within 10 s counts as a failure, which bounds the run when the server falls behind.
 */
async function fixedRate(url, headers, rate, seconds) {
  const latencies = [];
  let failures = 0;
  const total = rate * seconds;
  const started = performance.now();
  const inFlight = [];
  for (let i = 0; i < total; i += 1) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const sent = performance.now();
    inFlight.push(
      fetch(url, { headers, signal: AbortSignal.timeout(10_000) })
        .then(async (response) => {
          await response.arrayBuffer();
          if (response.ok) latencies.push(performance.now() - sent);
          else failures += 1;
        })
        .catch(() => {
          failures += 1;
        }),
    );
  }
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  const answeredPerSecond = Math.round(total / ((performance.now() - started) / 1000));
  const round = (value) => (value === undefined ? null : Number(value.toFixed(2)));
  return { rate, answeredPerSecond, requests: total, failures, p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)) };
}

/** Holds `count` simulated orchestrators on the server at `wsUrl` and measures it (pid `serverPid`). */
async function measureSide({ wsUrl, serverPid, key, count, heartbeatMs, proxyUrl, headers, rate, seconds, holdMs, cpus }) {
  const fleetCount = Math.ceil(count / PER_FLEET);
  const fleets = Array.from({ length: fleetCount }, () =>
    forkReady(new URL('../lib/orchestrator-fleet.mjs', import.meta.url), [wsUrl, key, String(heartbeatMs)], { cpus: cpus.client }),
  );
  try {
    await Promise.all(fleets.map((fleet) => fleet.ready));
    const connectAll = async (total) => {
      const shares = fleets.map((_, i) => Math.floor(total / fleetCount) + (i < total % fleetCount ? 1 : 0));
      const answers = await Promise.all(fleets.map((fleet, i) => ask(fleet.child, { cmd: 'connect', count: shares[i] }, 'connected')));
      return answers.reduce((sum, answer) => sum + answer.open, 0);
    };
    const idleRss = rssKb(serverPid);
    // Memory per connection is the marginal cost of the second half: the first half also pays one-off
    // warm-up (JIT, pools, heap growth) that has nothing to do with holding sockets.
    const connectStarted = performance.now();
    const half = Math.floor(count / 2);
    await connectAll(half);
    await sleep(3000);
    const halfRss = rssKb(serverPid);
    await connectAll(count - half);
    const connectedAt = performance.now();
    const connectSeconds = (connectedAt - connectStarted) / 1000 - 3;
    await sleep(3000);
    const loadedRss = rssKb(serverPid);
    const proxy = await fixedRate(proxyUrl, headers, rate, seconds);
    const remaining = holdMs - (performance.now() - connectedAt);
    if (remaining > 0) await sleep(remaining);
    const reports = await Promise.all(fleets.map((fleet) => ask(fleet.child, { cmd: 'report' }, 'report')));
    const sum = (key) => {
      const total = {};
      for (const report of reports) for (const [code, n] of Object.entries(report[key])) total[code] = (total[code] ?? 0) + n;
      return total;
    };
    const closes = sum('closes');
    return {
      connections: count,
      connectSeconds: Number(connectSeconds.toFixed(1)),
      connectsPerSecond: Math.round(count / connectSeconds),
      openAtEnd: reports.reduce((sum, report) => sum + report.open, 0),
      closes,
      failedConnectsByCloseCode: sum('failedConnects'),
      clientErrors: reports.reduce((sum, report) => sum + report.errors, 0),
      heldSeconds: Number(((performance.now() - connectedAt) / 1000).toFixed(1)),
      rssIdleMb: Number((idleRss / 1024).toFixed(1)),
      rssLoadedMb: Number((loadedRss / 1024).toFixed(1)),
      kbPerConnection: Number(((loadedRss - halfRss) / (count - half)).toFixed(1)),
      proxy,
    };
  } finally {
    await Promise.all(fleets.map((fleet) => stopChild(fleet.child)));
  }
}

export async function run({ cpus, quick, nodeArgs = [] }) {
  const count = quick ? 1000 : 10_000;
  const heartbeatMs = quick ? 2000 : 5000;
  const rate = 1000;
  const seconds = quick ? 5 : 15;
  const timeoutMs = heartbeatMs * 6;
  const holdMs = timeoutMs + 2 * heartbeatMs;
  const env = {
    KICI_WS_HEARTBEAT_CHECK_MS: String(heartbeatMs / 2),
    KICI_WS_HEARTBEAT_UNHEALTHY_MS: String(heartbeatMs * 3),
    KICI_WS_HEARTBEAT_TIMEOUT_MS: String(timeoutMs),
  };
  const common = { count, heartbeatMs, rate, seconds, cpus };

  const platform = await startPlatform({ cpus: cpus.server, env, nodeArgs });
  let platformSide;
  try {
    const { pat, orgId, key } = await seedOrg(platform);
    platformSide = await measureSide({
      ...common,
      wsUrl: `${platform.origin.replace('http', 'ws')}/ws`,
      serverPid: platform.pid,
      key,
      proxyUrl: `${platform.origin}/api/v1/orgs/${orgId}/registrations`,
      headers: { authorization: `Bearer ${pat}` },
      holdMs,
    });
  } finally {
    await platform.stop();
  }
  const bare = forkReady(new URL('../baselines/ws-proxy-server.mjs', import.meta.url), [], { cpus: cpus.server });
  let baselineSide;
  try {
    const port = await bare.ready;
    baselineSide = await measureSide({
      ...common,
      wsUrl: `ws://127.0.0.1:${port}/ws`,
      serverPid: bare.child.pid,
      key: 'unused',
      proxyUrl: `http://127.0.0.1:${port}/api/v1/orgs/bench/registrations`,
      headers: {},
      holdMs: 0,
    });
  } finally {
    await stopChild(bare.child);
  }
  return {
    title: `4. Gateway scale: ${count} orchestrator connections on one replica vs bare Fastify + ws`,
    figures: {
      heartbeat: { clientEveryMs: heartbeatMs, serverCheckMs: heartbeatMs / 2, serverUnhealthyMs: heartbeatMs * 3, serverCloseMs: timeoutMs },
      platform: platformSide,
      baseline: baselineSide,
      ratios: {
        kbPerConnection: ratio(platformSide.kbPerConnection, baselineSide.kbPerConnection),
        proxyP99: ratio(platformSide.proxy.p99Ms, baselineSide.proxy.p99Ms),
        connectsPerSecond: ratio(platformSide.connectsPerSecond, baselineSide.connectsPerSecond),
      },
    },
    checks: [
      check('server memory per connection (KB)', platformSide.kbPerConnection, '<=', 40, ' KB'),
      check('sockets closed 4004 (missed heartbeat)', platformSide.closes['4004'] ?? 0, '==', 0),
      check(`orchestrators still connected at the end (of ${count})`, platformSide.openAtEnd, '==', count),
      check(`proxy round trip p99 at ${rate} req/s (ms)`, platformSide.proxy.p99Ms, '<=', 5, ' ms'),
      check('proxy failures', platformSide.proxy.failures, '==', 0),
    ],
  };
}
