import { newOrgId, newOrgPublicAlias, ORG_ID_PATTERN } from './org-id.js';

describe('org ids', () => {
  it('are org_ plus 12 lower-case alphanumerics, 16 characters in all', () => {
    const ids = Array.from({ length: 500 }, newOrgId);
    expect(ids.every((id) => ORG_ID_PATTERN.test(id) && id.length === 16)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('have public aliases of oal_ plus 12 base62 characters', () => {
    expect(newOrgPublicAlias()).toMatch(/^oal_[0-9A-Za-z]{12}$/);
  });
});
