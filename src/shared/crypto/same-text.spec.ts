import { sameText } from './same-text.js';

describe('sameText', () => {
  const secret = 'Bearer kici_pat_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';

  it('is true for equal strings, the empty one included', () => {
    expect(sameText(secret, `${secret}`)).toBe(true);
    expect(sameText('', '')).toBe(true);
  });

  it('is false wherever the first difference is', () => {
    for (const at of [0, 1, 7, secret.length >> 1, secret.length - 1]) {
      const changed = `${secret.slice(0, at)}${secret[at] === 'x' ? 'y' : 'x'}${secret.slice(at + 1)}`;
      expect(changed).toHaveLength(secret.length);
      expect(sameText(secret, changed)).toBe(false);
      expect(sameText(changed, secret)).toBe(false);
    }
  });

  it('is false for strings of different lengths, prefixes included', () => {
    expect(sameText(secret, secret.slice(0, -1))).toBe(false);
    expect(sameText(secret.slice(0, -1), secret)).toBe(false);
    expect(sameText(secret, '')).toBe(false);
  });

  it('compares UTF-16 code units, not just their low bytes', () => {
    expect(sameText('\u0141', '\u0041')).toBe(false);
    expect(sameText('é', 'é')).toBe(true);
  });
});
