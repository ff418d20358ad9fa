import { firstFreeSlug, slugBase } from './org-slug.js';

describe('org slugs', () => {
  it('makes a readable URL-safe name', () => {
    expect(slugBase('Acme Corp')).toBe('acme-corp');
    expect(slugBase('  Ümlaut & Café (EU) ')).toBe('umlaut-cafe-eu');
    expect(slugBase('Ada Lovelace (personal)')).toBe('ada-lovelace-personal');
    expect(slugBase('日本')).toBe('org');
    expect(slugBase('x'.repeat(80))).toHaveLength(48);
    expect(slugBase(`${'a'.repeat(47)} b`)).toBe('a'.repeat(47));
  });

  it('numbers a taken slug', () => {
    expect(firstFreeSlug('acme', new Set())).toBe('acme');
    expect(firstFreeSlug('acme', new Set(['acme', 'acme-2']))).toBe('acme-3');
  });
});
