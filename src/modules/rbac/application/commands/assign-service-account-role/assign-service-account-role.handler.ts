import { CommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { DomainError } from '../../../../../shared/errors/domain-error.js';
import { isUuid } from '../../../../../shared/ids/uuid-v7.js';
import { ServiceAccountRoleEntity } from '../../../infrastructure/service-account-role.entity.js';
import { RoleChangedEvent } from '../../events/role.events.js';
import { roleOfOrg } from '../../role-lookup.js';
import { AssignServiceAccountRoleCommand, UnassignServiceAccountRoleCommand } from './assign-service-account-role.command.js';

/** The service account must be one of `orgId`'s; anything else is "not found". */
async function requireServiceAccount(manager: EntityManager, orgId: string, id: string): Promise<void> {
  const rows = isUuid(id) ? ((await manager.query('SELECT 1 FROM service_accounts WHERE id = $1 AND org_id = $2', [id, orgId])) as unknown[]) : [];
  if (rows.length === 0) throw new DomainError('TOKENS.SERVICE_ACCOUNT_NOT_FOUND', 'Service account not found');
}

@CommandHandler(AssignServiceAccountRoleCommand)
export class AssignServiceAccountRoleHandler extends TransactionalCommandHandler<AssignServiceAccountRoleCommand> {
  protected async handle({ actor, orgId, serviceAccountId, roleId }: AssignServiceAccountRoleCommand): Promise<void> {
    await requireServiceAccount(this.uow.manager, orgId, serviceAccountId);
    const role = await roleOfOrg(this.uow.manager, orgId, roleId);
    if (role.isOwner) throw new DomainError('RBAC.FORBIDDEN', 'Service accounts cannot hold the Owner role');
    const inserted = (await this.uow.manager
      .createQueryBuilder()
      .insert()
      .into(ServiceAccountRoleEntity)
      .values({ serviceAccountId, roleId: role.id, orgId, createdAt: new Date() })
      .orIgnore()
      .returning('role_id')
      .execute()) as { raw: unknown[] };
    if (inserted.raw.length > 0) this.uow.raise(new RoleChangedEvent({ actor, orgId }, 'role.assigned', role.id, { serviceAccountId, roleName: role.name }));
  }
}

@CommandHandler(UnassignServiceAccountRoleCommand)
export class UnassignServiceAccountRoleHandler extends TransactionalCommandHandler<UnassignServiceAccountRoleCommand> {
  protected async handle({ actor, orgId, serviceAccountId, roleId }: UnassignServiceAccountRoleCommand): Promise<void> {
    await requireServiceAccount(this.uow.manager, orgId, serviceAccountId);
    const role = await roleOfOrg(this.uow.manager, orgId, roleId);
    const result = await this.uow.manager.delete(ServiceAccountRoleEntity, { serviceAccountId, roleId: role.id });
    if (result.affected) this.uow.raise(new RoleChangedEvent({ actor, orgId }, 'role.unassigned', role.id, { serviceAccountId, roleName: role.name }));
  }
}
