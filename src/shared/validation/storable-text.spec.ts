import { findUnstorableText } from './storable-text.js';

describe('findUnstorableText', () => {
  it('accepts ordinary text, emoji and combining marks', () => {
    expect(findUnstorableText({ name: 'Zoë 😀 e\u0301', tags: ['a', { b: 'c' }], n: 1, ok: true, none: null })).toBeNull();
  });

  it('points at a NUL character or an unpaired surrogate, in values and keys', () => {
    expect(findUnstorableText({ name: 'a\u0000b' })).toBe('$.name');
    expect(findUnstorableText({ list: ['ok', 'x\ud800'] })).toBe('$.list[1]');
    expect(findUnstorableText({ nested: { ['k\udc00']: 1 } })).toBe('$.nested.k\udc00');
  });
});

describe('findUnstorableText on deep values', () => {
  it('walks a 100 000-deep array without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}"x\\u0000"${']'.repeat(100_000)}`) as unknown;
    expect(findUnstorableText(deep)).toMatch(/^\$(\[0\])+$/);
  });
});
