// Load generation shared by the scenarios: a warmed-up autocannon run reduced to the figures we report,
// and forked helper processes that report readiness over IPC.
import { fork } from 'node:child_process';
import autocannon from 'autocannon';
import { pinProcess } from './platform.mjs';

/**
 * Runs autocannon against `url` for `seconds` after a short warm-up (so both sides are measured hot, JIT
 * and pools included). `setupRequest` can vary each request (e.g. a fresh body for a write).
 */
export async function measure(url, { connections, seconds, warmupSeconds = 2, method = 'GET', headers = {}, body, setupRequest, overallRate }) {
  const options = { url, method, headers, body, connections, overallRate, ...(setupRequest ? { requests: [{ setupRequest }] } : {}) };
  if (warmupSeconds > 0) await autocannon({ ...options, duration: warmupSeconds });
  const startedAt = new Date();
  const result = await autocannon({ ...options, duration: seconds });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    startedAt,
    endedAt: new Date(),
  };
}

/** Forks `moduleUrl` (pinned to `cpus` when given) and resolves `ready` with its first IPC message. */
export function forkReady(moduleUrl, args = [], { cpus = null, env = process.env, execArgv = [] } = {}) {
  const child = fork(new URL(moduleUrl), args, { execArgv, env });
  if (cpus !== null) pinProcess(child.pid, cpus);
  const ready = new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`${moduleUrl} exited with ${code} before it was ready`)));
  });
  return { child, ready };
}

/** Stops a forked helper and waits for it to go. */
export async function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
