import { spawnSync } from 'node:child_process';

/** Warnings prom-client's default metrics always raise (gauges named `*_total`); not ours to fix. */
const KNOWN_DEFAULT_METRIC_LINTS = [
  'nodejs_active_handles_total non-counter metrics should not have "_total" suffix',
  'nodejs_active_requests_total non-counter metrics should not have "_total" suffix',
  'nodejs_active_resources_total non-counter metrics should not have "_total" suffix',
];

export interface PromtoolResult {
  readonly available: boolean;
  readonly exitCode: number | null;
  /** Findings other than the known default-metric lints. */
  readonly problems: string[];
}

/** Runs `promtool check metrics` on an exposition text. */
export function promtoolCheckMetrics(exposition: string): PromtoolResult {
  const run = spawnSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  if (run.error) return { available: false, exitCode: null, problems: [] };
  const problems = `${run.stdout}\n${run.stderr}`
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !KNOWN_DEFAULT_METRIC_LINTS.some((known) => line.includes(known)));
  return { available: true, exitCode: run.status, problems };
}

export interface PromtoolRun {
  readonly available: boolean;
  readonly exitCode: number | null;
  readonly output: string;
}

/** Runs `promtool <args>` in `cwd` (rule files name each other relative to it). */
export function promtool(args: readonly string[], cwd: string): PromtoolRun {
  const run = spawnSync('promtool', [...args], { cwd, encoding: 'utf8' });
  if (run.error) return { available: false, exitCode: null, output: '' };
  return { available: true, exitCode: run.status, output: `${run.stdout}\n${run.stderr}` };
}

/** promtool is required in CI (`.ci/run` installs it); elsewhere a missing one skips the check with a warning. */
export function promtoolMissing(check: string): void {
  if (process.env.CI) throw new Error('promtool is missing: .ci/run installs the Debian package prometheus');
  console.warn(`promtool not installed (apt-get install prometheus); skipping ${check}`);
}
