/**
 * After a run that included security suites (test/security), sums what each one tried and every violation
 * it saw into `.tmp/security-report.json` and prints it as a short table. Fragments of earlier runs are
 * cleared first, so the report describes this run only.
 */
const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const FRAGMENTS = resolve('.tmp/security-report');
const REPORT = resolve('.tmp/security-report.json');

class SecurityReporter {
  onRunStart() {
    rmSync(FRAGMENTS, { recursive: true, force: true });
  }

  onRunComplete() {
    if (!existsSync(FRAGMENTS)) return;
    const suites = readdirSync(FRAGMENTS)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => JSON.parse(readFileSync(join(FRAGMENTS, name), 'utf8')));
    if (suites.length === 0) return;
    const rows = suites.flatMap((suite) => Object.entries(suite.categories).map(([category, tally]) => ({ suite: suite.suite, category, ...tally })));
    const totals = { cases: rows.reduce((sum, row) => sum + row.cases, 0), violations: rows.reduce((sum, row) => sum + row.violations, 0) };
    mkdirSync(resolve('.tmp'), { recursive: true });
    writeFileSync(REPORT, JSON.stringify({ generatedAt: new Date().toISOString(), totals, rows }, null, 2));
    const width = Math.max(...rows.map((row) => `${row.suite} · ${row.category}`.length));
    const lines = rows.map((row) => `  ${`${row.suite} · ${row.category}`.padEnd(width)}  ${String(row.cases).padStart(6)} tried  ${row.violations} violations`);
    process.stdout.write(`\nsecurity report (${REPORT}):\n${lines.join('\n')}\n  ${'total'.padEnd(width)}  ${String(totals.cases).padStart(6)} tried  ${totals.violations} violations\n`);
  }
}

module.exports = SecurityReporter;
