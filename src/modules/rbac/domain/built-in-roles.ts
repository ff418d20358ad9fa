import { type Level, type PermissionMatrix, RESOURCES } from '../../../shared/auth/permissions.js';

const matrix = (level: (resource: (typeof RESOURCES)[number]) => Level): PermissionMatrix =>
  Object.fromEntries(RESOURCES.map((resource) => [resource, level(resource)])) as PermissionMatrix;

/** Built-in Owner: admin on every resource; cannot be edited or deleted (platform-domain §1.5). */
export const OWNER_ROLE = { name: 'Owner', permissions: matrix(() => 'admin') } as const;

/** Default Member: read everywhere but ci_trust, support and fleet; an ordinary, editable role. */
export const MEMBER_ROLE = {
  name: 'Member',
  permissions: matrix((resource) => (resource === 'ci_trust' || resource === 'support' || resource === 'fleet' ? 'none' : 'read')),
} as const;
