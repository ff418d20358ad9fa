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
