import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeValues, renderChart, toManifestStream } from './render-chart.js';

describe('mergeValues', () => {
  it('merges maps key by key, replaces lists and scalars, and deletes keys set to null', () => {
    const defaults = { a: { b: 1, c: 2 }, list: [1, 2], keep: 'x', drop: { y: 1 } };
    expect(mergeValues(defaults, { a: { c: 3 }, list: [9], drop: null })).toEqual({ a: { b: 1, c: 3 }, list: [9], keep: 'x' });
    expect(defaults.a.c).toBe(2);
  });
});

describe('renderChart', () => {
  let chartDir: string;

  beforeAll(() => {
    chartDir = mkdtempSync(join(tmpdir(), 'chart-'));
    mkdirSync(join(chartDir, 'templates'));
    writeFileSync(join(chartDir, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 1.2.3\nappVersion: "4.5"\n');
    writeFileSync(join(chartDir, 'values.yaml'), 'greeting: hello\nextra:\n  enabled: false\n');
    writeFileSync(join(chartDir, 'templates', '_helpers.tpl'), '{{- define "demo.name" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end }}\n');
    writeFileSync(
      join(chartDir, 'templates', 'config.yaml'),
      'kind: ConfigMap\nmetadata:\n  name: {{ include "demo.name" . }}\n  namespace: {{ .Release.Namespace }}\ndata:\n  greeting: {{ .Values.greeting }}\n  version: {{ .Chart.Version }}/{{ .Chart.AppVersion }}\n  from: {{ .Template.Name }}\n',
    );
    writeFileSync(join(chartDir, 'templates', 'optional.yaml'), '{{- if .Values.extra.enabled }}\nkind: Secret\n---\nkind: Service\n{{- end }}\n');
    writeFileSync(join(chartDir, 'templates', 'NOTES.txt'), 'Installed {{ .Release.Name }}.\n');
  });

  afterAll(() => rmSync(chartDir, { recursive: true, force: true }));

  it('renders every template but the partials, with release, chart, values and template data', () => {
    const rendered = renderChart(chartDir, { name: 'rel', namespace: 'ns', values: { greeting: 'hi' } });
    expect([...rendered.files.keys()]).toEqual(['demo/templates/config.yaml', 'demo/templates/optional.yaml']);
    expect(rendered.files.get('demo/templates/config.yaml')).toBe(
      'kind: ConfigMap\nmetadata:\n  name: rel-demo\n  namespace: ns\ndata:\n  greeting: hi\n  version: 1.2.3/4.5\n  from: demo/templates/config.yaml\n',
    );
    expect(rendered.notes).toBe('Installed rel.\n');
  });

  it('streams non-empty documents with their source, as helm template does', () => {
    expect(toManifestStream(renderChart(chartDir))).toBe(
      '---\n# Source: demo/templates/config.yaml\nkind: ConfigMap\nmetadata:\n  name: kici-demo\n  namespace: default\ndata:\n  greeting: hello\n  version: 1.2.3/4.5\n  from: demo/templates/config.yaml\n',
    );
    const withExtra = toManifestStream(renderChart(chartDir, { values: { extra: { enabled: true } } }));
    expect(withExtra).toContain('---\n# Source: demo/templates/optional.yaml\nkind: Secret\n---\n# Source: demo/templates/optional.yaml\nkind: Service\n');
  });
});
