import { MEMBER_ROLE, OWNER_ROLE } from './built-in-roles.js';
import { allows, effectiveAccess, type HeldRole } from './effective-permissions.js';

const owner: HeldRole = { permissions: OWNER_ROLE.permissions, repoPatterns: ['*'], isOwner: true };
const member: HeldRole = { permissions: MEMBER_ROLE.permissions, repoPatterns: ['*'], isOwner: false };
const deployer: HeldRole = { permissions: { runs: 'write', environments: 'write' }, repoPatterns: ['acme/api', 'acme/web-*'], isOwner: false };
const auditor: HeldRole = { permissions: { audit: 'read', runs: 'read' }, repoPatterns: ['acme/api'], isOwner: false };

describe('effectiveAccess', () => {
  it('gives Owner admin on all 17 resources', () => {
    const { permissions, isOwner } = effectiveAccess([owner], null);
    expect(Object.values(permissions)).toEqual(Array(17).fill('admin'));
    expect(isOwner).toBe(true);
  });

  it('takes the highest level of each resource across roles', () => {
    const { permissions } = effectiveAccess([member, deployer], null);
    expect(permissions.runs).toBe('write');
    expect(permissions.environments).toBe('write');
    expect(permissions.secrets).toBe('read');
    expect(permissions.fleet).toBe('none');
  });

  it('merges repository patterns, and * wins', () => {
    expect(effectiveAccess([deployer, auditor], null).repoPatterns).toEqual(['acme/api', 'acme/web-*']);
    expect(effectiveAccess([deployer, member], null).repoPatterns).toEqual(['*']);
  });

  it('grants nothing without roles', () => {
    const { permissions, repoPatterns } = effectiveAccess([], null);
    expect(new Set(Object.values(permissions))).toEqual(new Set(['none']));
    expect(repoPatterns).toEqual([]);
  });

  it('caps by PAT scopes; resources missing from the scopes are none', () => {
    const { permissions } = effectiveAccess([owner], { runs: 'read', secrets: 'admin' });
    expect(permissions.runs).toBe('read');
    expect(permissions.secrets).toBe('admin');
    expect(permissions.members).toBe('none');
  });

  it('never raises a level through scopes', () => {
    expect(effectiveAccess([member], { runs: 'admin' }).permissions.runs).toBe('read');
  });
});

describe('allows', () => {
  const { permissions } = effectiveAccess([member, deployer], null);
  it.each([
    ['runs', 'read', true],
    ['runs', 'write', true],
    ['runs', 'admin', false],
    ['event_log', 'read_payload', false],
    ['fleet', 'read', false],
  ] as const)('%s.%s → %s', (resource, level, expected) => {
    expect(allows(permissions, resource, level)).toBe(expected);
  });
});
