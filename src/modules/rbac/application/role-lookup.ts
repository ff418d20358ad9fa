import type { EntityManager } from 'typeorm';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { isUuid } from '../../../shared/ids/uuid-v7.js';
import { RoleEntity } from '../infrastructure/role.entity.js';

/** A role of `orgId`, locked for the transaction; a role of another org is "not found" like a missing one. */
export async function roleOfOrg(manager: EntityManager, orgId: string, roleId: string): Promise<RoleEntity> {
  const role = isUuid(roleId) ? await manager.findOne(RoleEntity, { where: { id: roleId, orgId }, lock: { mode: 'pessimistic_write' } }) : null;
  if (!role) throw new DomainError('RBAC.ROLE_NOT_FOUND', 'Role not found');
  return role;
}

export function refuseOwnerRole(role: RoleEntity): void {
  if (role.isOwner) throw new DomainError('RBAC.OWNER_ROLE_IMMUTABLE', 'The built-in Owner role cannot be changed or deleted');
}
