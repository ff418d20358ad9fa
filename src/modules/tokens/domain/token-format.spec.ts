import { claimedFamily, displayPrefix, generateToken, hashToken, isWellFormedToken, TOKEN_FAMILIES } from './token-format.js';

describe('token format', () => {
  it.each(TOKEN_FAMILIES)('generates well-formed %s tokens', (family) => {
    const token = generateToken(family);
    expect(token).toMatch(new RegExp(`^kici_${family}_[0-9A-Za-z]{38}$`));
    expect(isWellFormedToken(token)).toBe(true);
    expect(claimedFamily(token)).toBe(family);
  });

  it('never repeats', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => generateToken('pat')));
    expect(tokens.size).toBe(1000);
  });

  it('rejects a token with one character changed', () => {
    const token = generateToken('pat');
    const position = 12;
    const changed = `${token.slice(0, position)}${token[position] === 'a' ? 'b' : 'a'}${token.slice(position + 1)}`;
    expect(isWellFormedToken(changed)).toBe(false);
  });

  it.each([
    ['truncated', (token: string) => token.slice(0, -1)],
    ['extended', (token: string) => `${token}x`],
    ['another family', (token: string) => token.replace('kici_pat_', 'kici_sk_')],
    ['non-ASCII', (token: string) => `${token.slice(0, -2)}é1`],
  ])('rejects a %s token', (_label, mutate) => {
    expect(isWellFormedToken(mutate(generateToken('pat')))).toBe(false);
  });

  it('hashes the whole token with SHA-256 and keeps 16 characters for display', () => {
    const token = 'kici_pat_00000000000000000000000000000000000000';
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toBe(hashToken(`${token.slice(0, -1)}1`));
    expect(displayPrefix(token)).toBe('kici_pat_0000000');
  });

  it('claims no family for other strings', () => {
    expect(claimedFamily('eyJhbGciOi.x.y')).toBeNull();
    expect(claimedFamily('kici_xx_abc')).toBeNull();
  });
});
