import { LEVELS, type PermissionMatrix, RESOURCES, type Level, type Resource } from '../../../shared/auth/permissions.js';

/**
 * The first resource where `requested` exceeds what the granter holds, or null when it does not. A
 * non-Owner managing roles may hand out at most their own permissions: otherwise `members:admin` alone
 * would be a path to every other permission.
 */
export function firstExcess(requested: PermissionMatrix, held: Readonly<Record<Resource, Level>>): { resource: Resource; level: Level } | null {
  for (const resource of RESOURCES) {
    const level = requested[resource];
    if (level && LEVELS.indexOf(level) > LEVELS.indexOf(held[resource])) return { resource, level };
  }
  return null;
}
