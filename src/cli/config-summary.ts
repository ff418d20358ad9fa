import type { AppConfig } from '../config/app-config.js';

const MASK = '****';

/** A database URL with its password masked: the host and database are what an operator checks. */
export function maskUrlPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = MASK;
    return parsed.toString();
  } catch {
    return MASK;
  }
}

function flatten(prefix: string, value: unknown, lines: string[]): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(prefix ? `${prefix}.${key}` : key, inner, lines);
    return;
  }
  lines.push(`${prefix} = ${Array.isArray(value) ? JSON.stringify(value) : String(value)}`);
}

/**
 * The effective configuration as `key = value` lines, in `AppConfig`'s own order. Secrets never appear:
 * the database password is masked and the secret key is reported only as set or not.
 */
export function describeConfig(config: AppConfig): string[] {
  const shown = {
    ...config,
    database: { ...config.database, url: config.database.url === null ? '(embedded PostgreSQL under dataDir)' : maskUrlPassword(config.database.url) },
    secretKey: config.secretKey === null ? `(unset: generated key file under dataDir)` : `${MASK} (set, ${config.secretKey.length} bytes)`,
    unknownVariables: undefined,
  };
  const lines: string[] = [];
  flatten('', shown, lines);
  return lines.filter((line) => !line.startsWith('unknownVariables '));
}
