import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { lockOrgMembership } from '../../../../../shared/database/org-membership-lock.js';
import { isUuid } from '../../../../../shared/ids/uuid-v7.js';
import { RoleAssignmentEntity } from '../../../infrastructure/role-assignment.entity.js';
import { RoleChangedEvent } from '../../events/role.events.js';
import { refuseLastOwner } from '../../owner-guard.js';
import { roleOfOrg } from '../../role-lookup.js';
import { UnassignRoleCommand } from './unassign-role.command.js';

@CommandHandler(UnassignRoleCommand)
export class UnassignRoleHandler extends TransactionalCommandHandler<UnassignRoleCommand> {
  protected async handle({ actor, orgId, userId, roleId }: UnassignRoleCommand): Promise<void> {
    await lockOrgMembership(this.uow.manager, orgId);
    const role = await roleOfOrg(this.uow.manager, orgId, roleId);
    if (!isUuid(userId)) return;
    if (role.isOwner) await refuseLastOwner(this.uow.manager, orgId, [userId]);
    const result = await this.uow.manager.delete(RoleAssignmentEntity, { orgId, userId, roleId: role.id });
    if (result.affected) this.uow.raise(new RoleChangedEvent({ actor, orgId }, 'role.unassigned', role.id, { userId, roleName: role.name }));
  }
}
