import { formatFloat, printValue } from './go-values.js';
import { templateFunctions as fn } from './template-functions.js';

describe('Go values', () => {
  it('prints float64s the way Go does, exponent form from 1e6 (the Helm large-number surprise)', () => {
    expect(formatFloat(3000)).toBe('3000');
    expect(formatFloat(100000)).toBe('100000');
    expect(formatFloat(1000000)).toBe('1e+06');
    expect(formatFloat(26214400)).toBe('2.62144e+07');
    expect(formatFloat(0.5)).toBe('0.5');
    expect(formatFloat(0.00001)).toBe('1e-05');
  });

  it('prints ints, booleans, lists and maps like fmt %v', () => {
    expect(printValue(26214400n)).toBe('26214400');
    expect(printValue(false)).toBe('false');
    expect(printValue(['a', 1])).toBe('[a 1]');
    expect(printValue({ b: 1, a: null })).toBe('map[a:<nil> b:1]');
  });
});

describe('template functions', () => {
  it('default: the value unless empty', () => {
    expect(fn.default('d', 'v')).toBe('v');
    expect(fn.default('d', '')).toBe('d');
    expect(fn.default('d', 0)).toBe('d');
    expect(fn.default('d')).toBe('d');
  });

  it('required: fails on nil and "", passes anything else', () => {
    expect(() => fn.required('need x', null)).toThrow('need x');
    expect(() => fn.required('need x', '')).toThrow('need x');
    expect(fn.required('need x', false)).toBe(false);
  });

  it('quote: Go-quoted text of each non-nil argument', () => {
    expect(fn.quote('a "b"')).toBe('"a \\"b\\""');
    expect(fn.quote(true)).toBe('"true"');
    expect(fn.quote(26214400)).toBe('"2.62144e+07"');
    expect(fn.quote(null)).toBe('');
  });

  it('int: truncates floats and parses numeric strings, so large values print whole', () => {
    expect(fn.int(26214400)).toBe(26214400n);
    expect(fn.int(2.9)).toBe(2n);
    expect(fn.int('42')).toBe(42n);
    expect(fn.quote(fn.int(26214400))).toBe('"26214400"');
  });

  it('add and div: integer arithmetic', () => {
    expect(fn.add(5, 10999, 5n)).toBe(11009n);
    expect(fn.div(10999, 1000)).toBe(10n);
    expect(() => fn.div(1, 0)).toThrow('integer divide by zero');
  });

  it('toYaml: sorted keys, no trailing newline, nested maps and lists', () => {
    expect(fn.toYaml({ b: [1, 'x'], a: { d: true, c: null } })).toBe('a:\n  c: null\n  d: true\nb:\n  - 1\n  - x');
    expect(fn.toYaml({})).toBe('{}');
    expect(fn.toYaml('3600')).toBe('"3600"');
  });

  it('indent and nindent: every line, nindent after a newline', () => {
    expect(fn.indent(2, 'a\nb')).toBe('  a\n  b');
    expect(fn.nindent(4, 'a')).toBe('\n    a');
  });

  it('trunc (from either end), trimSuffix, trimPrefix, contains', () => {
    expect(fn.trunc(3, 'abcdef')).toBe('abc');
    expect(fn.trunc(-2, 'abcdef')).toBe('ef');
    expect(fn.trimSuffix('-', 'name-')).toBe('name');
    expect(fn.trimPrefix('/', '/kici')).toBe('kici');
    expect(fn.contains('plat', 'kici-platform')).toBe(true);
  });

  it('printf and print: the common verbs and Sprint spacing', () => {
    expect(fn.printf('%s-%s:%d %q 100%%', 'a', 'b', 3n, 'x')).toBe('a-b:3 "x" 100%');
    expect(fn.printf('%d', 3)).toBe('%!d(float64=3)');
    expect(fn.printf('%s')).toBe('%!s(MISSING)');
    expect(fn.print('a', 'b', 1n, 2n)).toBe('ab1 2');
  });

  it('b64enc and sha256sum', () => {
    expect(fn.b64enc('postgres://u:p@h/db')).toBe(Buffer.from('postgres://u:p@h/db').toString('base64'));
    expect(fn.sha256sum('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('eq, ne, not: Go comparisons refuse mixed kinds', () => {
    expect(fn.eq('a', 'b', 'a')).toBe(true);
    expect(fn.ne(1, 2)).toBe(true);
    expect(fn.eq(null, null)).toBe(true);
    expect(fn.not('')).toBe(true);
    expect(() => fn.eq(1, 1n)).toThrow(/incompatible types for comparison: float64 and int/);
    expect(() => fn.eq('1', 1)).toThrow(/incompatible types/);
  });

  it('checks argument counts', () => {
    expect(() => fn.nindent(2)).toThrow('wrong number of args for nindent: want 2 got 1');
  });
});
