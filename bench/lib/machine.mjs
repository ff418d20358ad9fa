// The facts a benchmark figure means nothing without: where and when it was measured.
import { spawnSync } from 'node:child_process';
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
