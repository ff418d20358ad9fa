import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promtool, promtoolMissing } from '../support/promtool.js';

const RULES_DIR = resolve('deploy/prometheus');
const rules = readFileSync(resolve(RULES_DIR, 'alerts.yaml'), 'utf8');
const ruleTests = readFileSync(resolve(RULES_DIR, 'alerts.test.yaml'), 'utf8');
const catalogue = readFileSync(resolve('docs/metrics.md'), 'utf8');

const alertNames = [...rules.matchAll(/^\s*- alert: (\S+)$/gm)].map((match) => match[1]!);

describe('Prometheus alert rules (deploy/prometheus)', () => {
  it('pass promtool check rules', () => {
    const run = promtool(['check', 'rules', 'alerts.yaml'], RULES_DIR);
    if (!run.available) return promtoolMissing('check rules');
    expect(run.output).toContain(`SUCCESS: ${alertNames.length} rules found`);
    expect(run.exitCode).toBe(0);
  });

  it('pass their promtool unit tests', () => {
    const run = promtool(['test', 'rules', 'alerts.test.yaml'], RULES_DIR);
    if (!run.available) return promtoolMissing('test rules');
    expect(run.output).toContain('SUCCESS');
    expect(run.exitCode).toBe(0);
  });

  it('have a unit test that fires each alert, and a row in docs/metrics.md', () => {
    expect(alertNames.length).toBeGreaterThanOrEqual(8);
    for (const name of alertNames) {
      // A test case that expects this alert to fire names it and then lists exp_labels.
      expect(ruleTests).toMatch(new RegExp(`alertname: ${name}\\n\\s+exp_alerts:\\n\\s+- exp_labels:`));
      expect(catalogue).toContain(`| \`${name}\` |`);
    }
  });

  it('use only metrics the catalogue documents', () => {
    const used = new Set([...rules.matchAll(/\b(kici_[a-z0-9_]+)\b/g)].map((match) => match[1]!));
    for (const metric of used) expect(catalogue).toContain(`| \`${metric}\` |`);
  });
});
