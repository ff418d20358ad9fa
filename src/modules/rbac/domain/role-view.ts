import { type Level, RESOURCES, type Resource } from '../../../shared/auth/permissions.js';
import type { RoleEntity } from '../infrastructure/role.entity.js';

/** A role as the API shows it: the full matrix (every resource, `none` included). */
export interface RoleView {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly permissions: Record<Resource, Level>;
  readonly repoPatterns: string[];
  readonly isOwner: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function toRoleView(role: RoleEntity): RoleView {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    permissions: Object.fromEntries(RESOURCES.map((resource) => [resource, role.permissions[resource] ?? 'none'])) as Record<Resource, Level>,
    repoPatterns: role.repoPatterns,
    isOwner: role.isOwner,
    createdAt: role.createdAt.toISOString(),
    updatedAt: role.updatedAt.toISOString(),
  };
}
