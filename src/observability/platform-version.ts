import { readFileSync } from 'node:fs';

/** This build's version, from the package manifest two folders above `dist/src/observability` (and `src/observability` under jest). */
export const PLATFORM_VERSION: string = (() => {
  for (const candidate of ['../../../package.json', '../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'kici-platform' && manifest.version) return manifest.version;
    } catch {
      // not at this depth
    }
  }
  return '0.0.0';
})();
