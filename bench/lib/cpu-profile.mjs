// Reduces a V8 `.cpuprofile` (from `node --cpu-prof`) to where the time went: self time summed by package
// (node_modules/<name>, the Platform's own dist/src/<module>, node: internals, V8 pseudo-frames) and by
// function. Usage: node bench/lib/cpu-profile.mjs <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Where a frame's code lives, coarse enough to act on. */
export function packageOf(url) {
  if (!url) return '(v8/native)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scopeOrName, name] = url.slice(modules + 'node_modules/'.length).split('/');
    return scopeOrName.startsWith('@') ? `${scopeOrName}/${name}` : scopeOrName;
  }
  const own = /dist\/src\/(modules\/[^/]+|[^/]+)/.exec(url);
  return own ? `platform:${own[1]}` : url;
}

export function summarizeProfile(profile, top = 25) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  // timeDeltas[i] is the time before samples[i]: charge it to that sample's node.
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((sum, us) => sum + us, 0);
  const byPackage = new Map();
  const byFunction = new Map();
  for (const [id, us] of selfUs) {
    const { callFrame } = nodes.get(id);
    const pkg = packageOf(callFrame.url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const file = callFrame.url ? callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*dist\/src\//, 'src/') : '';
    const fn = `${callFrame.functionName || '(anonymous)'} ${file}${file ? `:${callFrame.lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const rank = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), percent: Number(((100 * us) / total).toFixed(1)) }));
  return { totalMs: Math.round(total / 1000), byPackage: rank(byPackage), byFunction: rank(byFunction) };
}

export function printProfileSummary(summary, label = '') {
  console.log(`\n-- CPU profile ${label} (self time, total ${summary.totalMs} ms)`);
  console.log('   by package:');
  for (const row of summary.byPackage) console.log(`   ${String(row.percent).padStart(5)}%  ${String(row.ms).padStart(7)} ms  ${row.name}`);
  console.log('   by function:');
  for (const row of summary.byFunction) console.log(`   ${String(row.percent).padStart(5)}%  ${String(row.ms).padStart(7)} ms  ${row.name}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  printProfileSummary(summarizeProfile(JSON.parse(readFileSync(process.argv[2], 'utf8')), Number(process.argv[3] ?? 25)), process.argv[2]);
}
