import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where each security suite leaves its counts; the security reporter sums them after the run. */
export const SECURITY_REPORT_DIR = resolve('.tmp/security-report');

interface Tally {
  cases: number;
  violations: string[];
}

/**
 * The counts one security suite contributes to the run's report: how many cases of each kind it tried
 * (routes × principals, fuzz inputs, kills survived…) and every violation it saw. Each suite asserts
 * zero violations itself; the report says how much was tried to earn that zero.
 */
export class SecurityReport {
  private readonly tallies = new Map<string, Tally>();

  constructor(private readonly suite: string) {
    afterAll(() => this.write());
  }

  tally(category: string): Tally {
    if (!this.tallies.has(category)) this.tallies.set(category, { cases: 0, violations: [] });
    return this.tallies.get(category)!;
  }

  /** Counts `cases` tried under `category`. */
  tried(category: string, cases = 1): void {
    this.tally(category).cases += cases;
  }

  /** Records a violation (and returns it, for the suite's own assertion). */
  violation(category: string, detail: string): string {
    this.tally(category).violations.push(detail);
    return detail;
  }

  violations(category: string): string[] {
    return this.tally(category).violations;
  }

  private write(): void {
    mkdirSync(SECURITY_REPORT_DIR, { recursive: true });
    const categories = Object.fromEntries([...this.tallies].map(([name, tally]) => [name, { cases: tally.cases, violations: tally.violations.length, examples: tally.violations.slice(0, 5) }]));
    writeFileSync(join(SECURITY_REPORT_DIR, `${this.suite}.json`), JSON.stringify({ suite: this.suite, categories }, null, 2));
  }
}
