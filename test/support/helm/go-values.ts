/**
 * How Go's text/template and Helm treat values, for data that came from YAML: numbers from values files
 * are float64 (printed in Go's shortest form, so 26214400 prints as 2.62144e+07, exactly the surprise
 * Helm users meet), integers made by templates (literals, `int`, `add`, `div`) are Go ints (bigint here).
 */

export type GoMap = Record<string, unknown>;

export function isMap(value: unknown): value is GoMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Go's notion of "empty" used by `if`, `with`, `not`, `and`, `or` and Sprig's `default`. */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === '' || value === 0 || value === 0n) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isMap(value)) return Object.keys(value).length > 0;
  return true;
}

/** fmt's %v for a float64: shortest digits, exponent form ("1e+06") when the exponent is below -4 or 6 and up. */
export function formatFloat(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN';
  if (value === 0) return '0';
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 6) return String(value);
  return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** What `{{ value }}` writes: Helm turns Go's "<no value>" for missing keys into nothing. */
export function printValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatFloat(value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(printNested).join(' ')}]`;
  if (isMap(value)) return `map[${Object.keys(value).sort().map((key) => `${key}:${printNested(value[key])}`).join(' ')}]`;
  return String(value);
}

function printNested(value: unknown): string {
  return value === null || value === undefined ? '<nil>' : printValue(value);
}

/**
 * `.a.b` on a value: a missing map key is nil (Helm's missingkey=zero), but a field of nil is an error,
 * as in Helm ("nil pointer evaluating interface {}.b").
 */
export function readPath(start: unknown, path: readonly string[], describe: string): unknown {
  let value = start;
  for (const [index, key] of path.entries()) {
    if (value === null || value === undefined) {
      throw new Error(`nil pointer evaluating interface {}.${key} (in ${describe}.${path.slice(0, index + 1).join('.')})`);
    }
    if (!isMap(value)) throw new Error(`can't evaluate field ${key} in type ${goTypeName(value)}`);
    value = Object.hasOwn(value, key) ? value[key] : null;
  }
  return value;
}

export function goTypeName(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'float64';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return '[]interface {}';
  return 'map[string]interface {}';
}
