import { type Level, LEVELS, type PermissionMatrix, RESOURCES, type Resource } from '../../../shared/auth/permissions.js';

/** A level for every resource: what a caller may do in one organization. */
export type EffectivePermissions = Readonly<Record<Resource, Level>>;

export interface HeldRole {
  readonly permissions: PermissionMatrix;
  readonly repoPatterns: readonly string[];
  readonly isOwner: boolean;
}

export interface EffectiveAccess {
  readonly permissions: EffectivePermissions;
  readonly repoPatterns: readonly string[];
  readonly isOwner: boolean;
}

const rank = (level: Level | undefined): number => (level === undefined ? 0 : LEVELS.indexOf(level));

/**
 * Platform-domain §3.3: the union of the member's roles (per resource the highest level; Owner is admin
 * everywhere), repository patterns merged (any `*` wins), then capped by the credential: a PAT with
 * `scopes` gets, per resource, the lower of the user's level and the scope's (a resource missing from the
 * scopes is `none`). No role at all means no access.
 */
export function effectiveAccess(roles: readonly HeldRole[], cap: PermissionMatrix | null): EffectiveAccess {
  const isOwner = roles.some((role) => role.isOwner);
  const permissions = Object.fromEntries(
    RESOURCES.map((resource) => {
      const granted = isOwner ? rank('admin') : Math.max(0, ...roles.map((role) => rank(role.permissions[resource])));
      const capped = cap === null ? granted : Math.min(granted, rank(cap[resource]));
      return [resource, LEVELS[capped]!];
    }),
  ) as Record<Resource, Level>;
  const patterns = new Set(roles.flatMap((role) => role.repoPatterns));
  return { permissions, repoPatterns: patterns.has('*') ? ['*'] : [...patterns].sort(), isOwner };
}

/** True when `permissions` grant at least `level` on `resource`. */
export function allows(permissions: EffectivePermissions, resource: Resource, level: Level): boolean {
  return rank(permissions[resource]) >= rank(level);
}
