import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isMap, type GoMap } from './go-values.js';
import { TemplateEngine } from './template-engine.js';

export interface ReleaseOptions {
  readonly name?: string;
  readonly namespace?: string;
  /** What `-f my-values.yaml`/`--set` would add on top of the chart's values.yaml. */
  readonly values?: GoMap;
}

export interface RenderedChart {
  /** Output of each rendered template, by its path as Helm names it (`<chart>/templates/<file>`). */
  readonly files: ReadonlyMap<string, string>;
  /** The rendered NOTES.txt, or null when the chart has none. */
  readonly notes: string | null;
}

/**
 * Helm's value merge: maps merge key by key, anything else in the override replaces the default, and a
 * null in the override removes the key.
 */
export function mergeValues(defaults: GoMap, override: GoMap): GoMap {
  const merged: GoMap = { ...defaults };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete merged[key];
    else if (isMap(value) && isMap(merged[key])) merged[key] = mergeValues(merged[key], value);
    else merged[key] = value;
  }
  return merged;
}

/** What `helm template` does with a chart folder, for the template subset this renderer supports. */
export function renderChart(chartDir: string, options: ReleaseOptions = {}): RenderedChart {
  const chart = parse(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8')) as GoMap;
  const defaults = (parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8')) ?? {}) as GoMap;
  const chartName = String(chart.name);
  const basePath = `${chartName}/templates`;

  const engine = new TemplateEngine();
  const fileNames = readdirSync(join(chartDir, 'templates')).sort();
  for (const file of fileNames) engine.addFile(`${basePath}/${file}`, readFileSync(join(chartDir, 'templates', file), 'utf8'));

  const context = (templateName: string): GoMap => ({
    Values: mergeValues(defaults, options.values ?? {}),
    Release: { Name: options.name ?? 'kici', Namespace: options.namespace ?? 'default', Service: 'Helm', IsInstall: true, IsUpgrade: false, Revision: 1 },
    Chart: { Name: chartName, Version: String(chart.version), AppVersion: String(chart.appVersion ?? ''), Description: chart.description ?? '' },
    Template: { Name: templateName, BasePath: basePath },
  });

  const files = new Map<string, string>();
  for (const file of fileNames.filter((name) => !name.startsWith('_') && /\.(ya?ml|json)$/.test(name))) {
    const name = `${basePath}/${file}`;
    files.set(name, engine.execute(name, context(name)));
  }
  const notesName = `${basePath}/NOTES.txt`;
  const notes = fileNames.includes('NOTES.txt') ? engine.execute(notesName, context(notesName)) : null;
  return { files, notes };
}

/** The rendered files as one multi-document stream, like `helm template` prints; empty documents dropped. */
export function toManifestStream(rendered: RenderedChart): string {
  const documents: string[] = [];
  for (const [name, text] of rendered.files) {
    for (const document of text.split(/^---\s*$/m)) {
      if (document.trim().length > 0) documents.push(`---\n# Source: ${name}\n${document.replace(/^\n+/, '').replace(/\s+$/, '')}\n`);
    }
  }
  return documents.join('');
}
