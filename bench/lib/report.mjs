// Targets and how a scenario's figures are printed: every check says what was measured, the target and
// whether it was met, so the output reads without the code.

const OPS = { '>=': (a, b) => a >= b, '<=': (a, b) => a <= b, '==': (a, b) => a === b };

/** One target: `value op target` (e.g. ratio ≥ 0.6). A missing value (not measured) is never met. */
export function check(label, value, op, target, unit = '') {
  const met = value !== null && value !== undefined && Number.isFinite(value) ? OPS[op](value, target) : false;
  return { label, value, target: `${op.replace('>=', '≥').replace('<=', '≤')} ${target}${unit}`, met };
}

/** Platform ÷ baseline, two decimals. */
export const ratio = (platform, baseline) => (baseline > 0 ? Number((platform / baseline).toFixed(2)) : null);

/** A side-by-side row of two autocannon results. */
export function comparison(label, platform, baseline) {
  return { label, platform, baseline, ratio: ratio(platform.requestsPerSecond, baseline.requestsPerSecond) };
}

export function printScenario(result) {
  console.log(`\n== ${result.title}`);
  for (const row of result.comparisons ?? []) {
    const side = (r) => `${String(r.requestsPerSecond).padStart(6)} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms${r.non2xx || r.errors ? `  (non-2xx ${r.non2xx}, errors ${r.errors})` : ''}`;
    console.log(`  ${row.label}`);
    console.log(`    platform ${side(row.platform)}`);
    console.log(`    baseline ${side(row.baseline)}   ${row.baselineLabel ?? ''}`);
    console.log(`    ratio    ${row.ratio}${row.roundRatios ? `   (median of rounds: ${row.roundRatios.join(', ')})` : ''}`);
  }
  for (const [name, value] of Object.entries(result.figures ?? {})) console.log(`  ${name}: ${JSON.stringify(value)}`);
  for (const c of result.checks) console.log(`  [${c.met ? 'met' : 'NOT MET'}] ${c.label}: ${c.value} (target ${c.target})`);
  for (const note of result.notes ?? []) console.log(`  note: ${note}`);
}
