// The facts a benchmark figure means nothing without: where and when it was measured.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpus, loadavg, totalmem, platform, release } from 'node:os';

export function machineFacts() {
  const cores = cpus();
  const wrk = spawnSync('wrk', ['--version']);
  return {
    date: new Date().toISOString(),
    cpuModel: cores[0]?.model ?? 'unknown',
    cpuCount: cores.length,
    memoryGb: Number((totalmem() / 1024 ** 3).toFixed(1)),
    os: `${platform()} ${release()}`,
    node: process.version,
    openFilesLimit: Number(spawnSync('sh', ['-c', 'ulimit -n']).stdout.toString().trim()),
    taskset: spawnSync('taskset', ['-V']).status === 0,
    wrk: wrk.error ? null : 'present',
    // The machine may be shared: a load average well above 0 before a run means other work competed with it.
    loadAverage1m: Number(loadavg()[0].toFixed(2)),
  };
}

/** Busy share of each CPU over `ms`, from /proc/stat (null where /proc is absent). */
async function busyShares(ms) {
  const sample = () => {
    try {
      return readFileSync('/proc/stat', 'utf8')
        .split('\n')
        .filter((line) => /^cpu\d/.test(line))
        .map((line) => {
          const ticks = line.split(/\s+/).slice(1).map(Number);
          return { idle: ticks[3] + ticks[4], total: ticks.reduce((sum, n) => sum + n, 0) };
        });
    } catch {
      return null;
    }
  };
  const before = sample();
  await sleep(ms);
  const after = sample();
  if (!before || !after) return null;
  return after.map((cpu, i) => 1 - (cpu.idle - before[i].idle) / Math.max(1, cpu.total - before[i].total));
}

/**
 * Waits until every CPU is under `threshold` busy for a second (at most `timeoutMs`), so a scenario does
 * not start while the previous one's leftovers (PostgreSQL vacuuming and checkpointing what it wrote, a
 * process still exiting) take the cores. Returns the milliseconds waited and whether it got quiet.
 */
export async function waitForQuiet({ threshold = 0.15, timeoutMs = 30_000 } = {}) {
  const started = performance.now();
  for (;;) {
    const shares = await busyShares(1000);
    if (shares === null || shares.every((share) => share < threshold)) return { waitedMs: Math.round(performance.now() - started), quiet: true };
    if (performance.now() - started > timeoutMs) return { waitedMs: Math.round(performance.now() - started), quiet: false };
  }
}
