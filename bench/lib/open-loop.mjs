// Open-loop load at a fixed request rate, for latency under a steady arrival rate rather than a saturating
// one: each request is sent on schedule whether or not earlier ones answered, so a slow answer cannot
// slow the arrivals and hide itself (closed-loop clients such as autocannon's do).
//
// The client is node:http with a keep-alive agent, not `fetch`: at 1,000 requests/s on the load
// generator's core, fetch (undici through web streams) added tens of milliseconds of its own to the tail
// of a bare server, its sends falling behind schedule. The generator also keeps little on its heap (a
// typed array of latencies, a count of requests in flight, not 15,000 promises) so that its own garbage
// collection stays short.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from './platform.mjs';

const TIMEOUT_MS = 10_000;

/** One GET through `agent`; resolves whether it answered 2xx once the body is read. */
function get(agent, url, headers) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers, timeout: TIMEOUT_MS }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode >= 200 && response.statusCode < 300));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', reject);
  });
}

/** `rate` GETs a second for `seconds` through `agent`; a request not answered within 10 s is a failure. */
async function window(agent, url, headers, rate, seconds) {
  const total = Math.round(rate * seconds);
  const latencies = new Float64Array(total);
  let answered = 0;
  let failures = 0;
  let inFlight = 0;
  let lastSettled = () => {};
  const settle = () => {
    inFlight -= 1;
    if (inFlight === 0) lastSettled();
  };
  let maxSendDelayMs = 0;
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const sent = performance.now();
    maxSendDelayMs = Math.max(maxSendDelayMs, sent - due);
    inFlight += 1;
    get(agent, url, headers).then(
      (ok) => {
        if (ok) latencies[answered++] = performance.now() - sent;
        else failures += 1;
        settle();
      },
      () => {
        failures += 1;
        settle();
      },
    );
  }
  if (inFlight > 0) await new Promise((resolve) => (lastSettled = resolve));
  const sorted = latencies.subarray(0, answered).sort();
  const round = (value) => (value === undefined ? null : Number(value.toFixed(2)));
  return {
    rate,
    answeredPerSecond: Math.round(total / ((performance.now() - started) / 1000)),
    requests: total,
    failures,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    p999Ms: round(percentile(sorted, 99.9)),
    maxMs: round(sorted.at(-1)),
    // How far the generator itself fell behind schedule: a large figure means the client, not the server, stalled.
    maxSendDelayMs: round(maxSendDelayMs),
  };
}

/**
 * `requests` GETs, `concurrency` at a time, each sent when one answers: as fast as the server allows, never
 * faster, so it cannot leave a backlog behind. Resolves with the number that failed.
 */
async function warmUp(agent, url, headers, requests, concurrency) {
  let sent = 0;
  let failures = 0;
  const worker = async () => {
    while (sent < requests) {
      sent += 1;
      if (!(await get(agent, url, headers).catch(() => false))) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failures;
}

/**
 * `rate` GETs of `url` a second for `seconds`, after `warmupRequests` not counted, so that both ends are
 * measured hot. Fresh processes stall for tens of milliseconds during roughly their first ten thousand
 * requests: timelines of the bare baseline at 1,000/s showed one stall near 3.5 s (the server's first major
 * garbage collection) and one near 10.5 s (V8 background threads busy in server and generator alike,
 * which is when hot code gets optimized), and none after 20,000 requests. So the warm-up is a request
 * count, not a time, and it runs closed-loop to be done sooner. The agent hands out its idle connections
 * in turn ('fifo'), so those opened by the warm-up or a burst stay in use and a burst does not pay for
 * new ones.
 */
export async function fixedRate(url, { headers = {}, rate, seconds, warmupRequests = 0, warmupConcurrency = 4 }) {
  const agent = new http.Agent({ keepAlive: true, scheduling: 'fifo' });
  try {
    const warmupStarted = performance.now();
    const warmupFailures = warmupRequests > 0 ? await warmUp(agent, url, headers, warmupRequests, warmupConcurrency) : 0;
    const warmup = { requests: warmupRequests, failures: warmupFailures, seconds: Number(((performance.now() - warmupStarted) / 1000).toFixed(1)) };
    return { ...(await window(agent, url, headers, rate, seconds)), warmup, client: 'node:http keep-alive' };
  } finally {
    agent.destroy();
  }
}
