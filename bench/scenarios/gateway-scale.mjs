// Scenario 4 — gateway scale: N simulated orchestrators (authenticated, registered, heartbeating) held by
// one Platform replica; the server's memory per connection, no socket lost to a missed heartbeat, and the
// HTTP → orchestrator → HTTP proxy round trip at a fixed request rate. Side by side with a bare Fastify + ws
// server holding the same simulated orchestrators and proxying the same request.
//
// Tenancy: as on a shared replica, the sockets belong to many organizations. N − 1 idle ones are spread
// over FLEET_ORGS organizations (each its own orchestrator key, each one cluster of HA siblings) and held
// by fleet processes of up to PER_FLEET sockets. The measured organization has one orchestrator, as a
// customer with one cluster does, and it alone answers the proxied requests, from a responder process of
// its own: a real orchestrator runs on its own machine, not in a process shared with 5,000 others, whose
// garbage collection, compression contexts and heartbeats would otherwise be timed as the server's.
// The fleets get a lower scheduling priority than the responder and the load generator on the shared
// client core, for the same reason; their heartbeats have seconds of slack, and a late one would show as
// a 4004 close. The bare baseline gets the same arrangement: it routes a request for an organization to a
// socket that authenticated with that organization's "key".
//
// The proxied requests come from node:http at a fixed rate after a warm-up (bench/lib/open-loop.mjs).
// The figures carry the harness's own worst stalls — how late the generator sent, how long the responder's
// event loop was held up — so a tail can be told apart from the server's.
//
// Heartbeats: the real orchestrator beats every 30 s and the Platform closes 4004 after 180 s (protocol
// §1.7). A bounded run cannot wait minutes, so the time scale is compressed: clients beat every
// `heartbeatMs` and the Platform is configured with the spec's proportions (check every ½ beat, unhealthy
// after 3 beats, close after 6), and the sockets are held for longer than the close timeout.
import { setTimeout as sleep } from 'node:timers/promises';
import { forkReady, stopChild } from '../lib/load.mjs';
import { fixedRate } from '../lib/open-loop.mjs';
import { lowerPriority, rssKb, seedOrchestratorOrgs, seedOrg, startPlatform } from '../lib/platform.mjs';
import { check, ratio } from '../lib/report.mjs';

export const name = 'gateway-scale';

const PER_FLEET = 5000;
const FLEET_ORGS = 50;
/** Sockets of the measured organization: one orchestrator, as one cluster without HA runs. */
const RESPONDERS = 1;
/** Nice value of the fleet processes (the responder and the load generator keep 0). */
const FLEET_NICE = 10;
/** Proxied requests sent before the measured window (see `fixedRate`). */
const WARMUP_REQUESTS = 20_000;

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

const forkFleet = (wsUrl, keys, heartbeatMs, cpus) =>
  forkReady(new URL('../lib/orchestrator-fleet.mjs', import.meta.url), [wsUrl, keys.join(','), String(heartbeatMs)], { cpus });

/**
 * Holds `count` simulated orchestrators on the server at `wsUrl` and measures it (pid `serverPid`):
 * RESPONDERS of them with `responderKey` in the responder process, the rest spread over `fleetKeys`.
 */
async function measureSide({ wsUrl, serverPid, responderKey, fleetKeys, count, heartbeatMs, proxyUrl, headers, rate, seconds, holdMs, cpus }) {
  const fleetSockets = count - RESPONDERS;
  const fleetCount = Math.ceil(fleetSockets / PER_FLEET);
  const responder = forkFleet(wsUrl, [responderKey], heartbeatMs, cpus.client);
  const fleets = Array.from({ length: fleetCount }, () => forkFleet(wsUrl, fleetKeys, heartbeatMs, cpus.client));
  const children = [responder, ...fleets];
  try {
    await Promise.all(children.map((child) => child.ready));
    for (const fleet of fleets) lowerPriority(fleet.child.pid, FLEET_NICE);
    const connectAll = async (total) => {
      const shares = fleets.map((_, i) => Math.floor(total / fleetCount) + (i < total % fleetCount ? 1 : 0));
      const answers = await Promise.all(fleets.map((fleet, i) => ask(fleet.child, { cmd: 'connect', count: shares[i] }, 'connected')));
      return answers.reduce((sum, answer) => sum + answer.open, 0);
    };
    const idleRss = rssKb(serverPid);
    await ask(responder.child, { cmd: 'connect', count: RESPONDERS }, 'connected');
    // Memory per connection is the marginal cost of the second half: the first half also pays one-off
    // warm-up (JIT, pools, heap growth) that has nothing to do with holding sockets.
    const connectStarted = performance.now();
    const half = Math.floor(fleetSockets / 2);
    await connectAll(half);
    await sleep(3000);
    const halfRss = rssKb(serverPid);
    await connectAll(fleetSockets - half);
    const connectedAt = performance.now();
    const connectSeconds = (connectedAt - connectStarted) / 1000 - 3;
    await sleep(3000);
    const loadedRss = rssKb(serverPid);
    await ask(responder.child, { cmd: 'report' }, 'report');
    const proxy = await fixedRate(proxyUrl, { headers, rate, seconds, warmupRequests: WARMUP_REQUESTS });
    // Beyond the monitor's 10 ms interval: how long the responder kept proxied answers waiting, at worst.
    const responderDelay = (await ask(responder.child, { cmd: 'report' }, 'report')).loopDelayMaxMs;
    proxy.responderLoopDelayMaxMs = Number(Math.max(0, responderDelay - 10).toFixed(1));
    const remaining = holdMs - (performance.now() - connectedAt);
    if (remaining > 0) await sleep(remaining);
    const reports = await Promise.all(children.map((child) => ask(child.child, { cmd: 'report' }, 'report')));
    const sum = (key) => {
      const total = {};
      for (const report of reports) for (const [code, n] of Object.entries(report[key])) total[code] = (total[code] ?? 0) + n;
      return total;
    };
    const closes = sum('closes');
    return {
      connections: count,
      organizations: fleetKeys.length + 1,
      fleetConnections: fleetSockets,
      responderConnections: RESPONDERS,
      connectSeconds: Number(connectSeconds.toFixed(1)),
      connectsPerSecond: Math.round(fleetSockets / connectSeconds),
      openAtEnd: reports.reduce((sum, report) => sum + report.open, 0),
      responderOpenAtEnd: reports[0].open,
      closes,
      failedConnectsByCloseCode: sum('failedConnects'),
      clientErrors: reports.reduce((sum, report) => sum + report.errors, 0),
      heldSeconds: Number(((performance.now() - connectedAt) / 1000).toFixed(1)),
      rssIdleMb: Number((idleRss / 1024).toFixed(1)),
      rssLoadedMb: Number((loadedRss / 1024).toFixed(1)),
      kbPerConnection: Number(((loadedRss - halfRss) / (fleetSockets - half)).toFixed(1)),
      proxy,
    };
  } finally {
    await Promise.all(children.map((child) => stopChild(child.child)));
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
    const measured = await seedOrg(platform);
    const fleetKeys = await seedOrchestratorOrgs(measured, FLEET_ORGS);
    platformSide = await measureSide({
      ...common,
      wsUrl: `${platform.origin.replace('http', 'ws')}/ws`,
      serverPid: platform.pid,
      responderKey: measured.key,
      fleetKeys,
      proxyUrl: `${platform.origin}/api/v1/orgs/${measured.orgId}/registrations`,
      headers: { authorization: `Bearer ${measured.pat}` },
      holdMs,
    });
  } finally {
    await platform.stop();
  }
  const bare = forkReady(new URL('../baselines/ws-proxy-server.mjs', import.meta.url), [], { cpus: cpus.server });
  let baselineSide;
  try {
    const port = await bare.ready;
    // The baseline takes a socket's token as its organization: these "keys" are organization ids.
    baselineSide = await measureSide({
      ...common,
      wsUrl: `ws://127.0.0.1:${port}/ws`,
      serverPid: bare.child.pid,
      responderKey: 'measured',
      fleetKeys: Array.from({ length: FLEET_ORGS }, (_, i) => `fleet-${i + 1}`),
      proxyUrl: `http://127.0.0.1:${port}/api/v1/orgs/measured/registrations`,
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
