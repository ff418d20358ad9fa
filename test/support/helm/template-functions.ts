import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { goTypeName, isMap, isTruthy, printValue } from './go-values.js';

/**
 * Go template built-ins and the Sprig/Helm functions the chart uses, with their argument order (the piped
 * value is always the last argument). `and`, `or`, `include` and `template` live in the executor: the
 * first two short-circuit, the others need the set of named templates.
 */
export type TemplateFunction = (...args: unknown[]) => unknown;

function arity(name: string, args: unknown[], count: number): void {
  if (args.length !== count) throw new Error(`wrong number of args for ${name}: want ${count} got ${args.length}`);
}

/** Sprig's toInt64: floats truncate, numeric strings parse, anything else is 0. */
export function toGoInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? BigInt(Math.trunc(value)) : 0n;
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return BigInt(Math.trunc(Number(value)));
  return 0n;
}

/** Sprig's strval: how quote, trunc, b64enc… see a non-string. */
function asString(value: unknown): string {
  return value === null || value === undefined ? '' : printValue(value);
}

function goQuote(text: string): string {
  return JSON.stringify(text);
}

function indent(width: unknown, value: unknown): string {
  const pad = ' '.repeat(Number(toGoInt(width)));
  return pad + asString(value).replace(/\n/g, `\n${pad}`);
}

/** Helm's toYaml: keys sorted (it goes through JSON), no trailing newline. */
function toYaml(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  const plain = JSON.parse(JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? Number(item) : item))) as unknown;
  return stringify(plain, { sortMapEntries: true, lineWidth: 0 }).replace(/\n$/, '');
}

/** Go's basic-kind equality: values of different kinds do not compare, they fail the template. */
function goEquals(left: unknown, right: unknown): boolean {
  if (left === null || left === undefined || right === null || right === undefined) return (left ?? null) === (right ?? null);
  if (typeof left !== typeof right) throw new Error(`incompatible types for comparison: ${goTypeName(left)} and ${goTypeName(right)}`);
  if (typeof left === 'object') throw new Error(`uncomparable type ${goTypeName(left)}`);
  return left === right;
}

/** fmt.Sprintf for the verbs charts use: %s %v %d %q %%. */
function sprintf(format: string, args: unknown[]): string {
  let next = 0;
  const result = format.replace(/%([svdq%])/g, (_match, verb: string) => {
    if (verb === '%') return '%';
    if (next >= args.length) return `%!${verb}(MISSING)`;
    const value = args[next++];
    if (verb === 'd') return typeof value === 'bigint' ? String(value) : `%!d(${goTypeName(value)}=${printValue(value)})`;
    if (verb === 'q') return goQuote(asString(value));
    return value === null || value === undefined ? '%!s(<nil>)' : printValue(value);
  });
  return next < args.length ? `${result}%!(EXTRA ${args.slice(next).map(printValue).join(', ')})` : result;
}

export const templateFunctions: Readonly<Record<string, TemplateFunction>> = {
  default: (...args) => {
    if (args.length === 0 || args.length > 2) throw new Error(`wrong number of args for default: want 1 or 2 got ${args.length}`);
    return args.length === 2 && isTruthy(args[1]) ? args[1] : args[0];
  },
  required: (...args) => {
    arity('required', args, 2);
    const [message, value] = args;
    if (value === null || value === undefined || value === '') throw new Error(String(message));
    return value;
  },
  quote: (...args) => args.filter((arg) => arg !== null && arg !== undefined).map((arg) => goQuote(asString(arg))).join(' '),
  toYaml: (...args) => {
    arity('toYaml', args, 1);
    return toYaml(args[0]);
  },
  toString: (...args: unknown[]) => {
    arity('toString', args, 1);
    return asString(args[0]);
  },
  indent: (...args) => {
    arity('indent', args, 2);
    return indent(args[0], args[1]);
  },
  nindent: (...args) => {
    arity('nindent', args, 2);
    return `\n${indent(args[0], args[1])}`;
  },
  trunc: (...args) => {
    arity('trunc', args, 2);
    const length = Number(toGoInt(args[0]));
    const text = asString(args[1]);
    return length >= 0 ? text.slice(0, length) : text.slice(Math.max(0, text.length + length));
  },
  trimSuffix: (...args) => {
    arity('trimSuffix', args, 2);
    const [suffix, text] = [asString(args[0]), asString(args[1])];
    return suffix && text.endsWith(suffix) ? text.slice(0, -suffix.length) : text;
  },
  trimPrefix: (...args) => {
    arity('trimPrefix', args, 2);
    const [prefix, text] = [asString(args[0]), asString(args[1])];
    return prefix && text.startsWith(prefix) ? text.slice(prefix.length) : text;
  },
  contains: (...args) => {
    arity('contains', args, 2);
    return asString(args[1]).includes(asString(args[0]));
  },
  printf: (...args) => {
    if (args.length === 0) throw new Error('wrong number of args for printf: want at least 1 got 0');
    return sprintf(asString(args[0]), args.slice(1));
  },
  print: (...args) =>
    // fmt.Sprint: a space between operands when neither side is a string.
    args.reduce<string>((text, arg, index) => {
      const spaced = index > 0 && typeof arg !== 'string' && typeof args[index - 1] !== 'string';
      return text + (spaced ? ' ' : '') + (arg === null || arg === undefined ? '<nil>' : printValue(arg));
    }, ''),
  b64enc: (...args) => {
    arity('b64enc', args, 1);
    return Buffer.from(asString(args[0]), 'utf8').toString('base64');
  },
  sha256sum: (...args) => {
    arity('sha256sum', args, 1);
    return createHash('sha256').update(asString(args[0])).digest('hex');
  },
  int: (...args) => {
    arity('int', args, 1);
    return toGoInt(args[0]);
  },
  add: (...args) => args.reduce<bigint>((sum, arg) => sum + toGoInt(arg), 0n),
  div: (...args) => {
    arity('div', args, 2);
    const divisor = toGoInt(args[1]);
    if (divisor === 0n) throw new Error('integer divide by zero');
    return toGoInt(args[0]) / divisor;
  },
  eq: (...args) => {
    if (args.length < 2) throw new Error('missing argument for comparison');
    return args.slice(1).some((other) => goEquals(args[0], other));
  },
  ne: (...args) => {
    arity('ne', args, 2);
    return !goEquals(args[0], args[1]);
  },
  not: (...args) => {
    arity('not', args, 1);
    return !isTruthy(args[0]);
  },
  empty: (...args) => {
    arity('empty', args, 1);
    return !isTruthy(args[0]);
  },
  hasKey: (...args) => {
    arity('hasKey', args, 2);
    return isMap(args[0]) && Object.hasOwn(args[0], asString(args[1]));
  },
};
