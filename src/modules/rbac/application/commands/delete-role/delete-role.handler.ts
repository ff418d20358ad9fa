import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { lockOrgMembership } from '../../../../../shared/database/org-membership-lock.js';
import { RoleEntity } from '../../../infrastructure/role.entity.js';
import { RoleChangedEvent } from '../../events/role.events.js';
import { refuseOwnerRole, roleOfOrg } from '../../role-lookup.js';
import { DeleteRoleCommand } from './delete-role.command.js';

@CommandHandler(DeleteRoleCommand)
export class DeleteRoleHandler extends TransactionalCommandHandler<DeleteRoleCommand> {
  protected async handle({ actor, orgId, roleId }: DeleteRoleCommand): Promise<void> {
    await lockOrgMembership(this.uow.manager, orgId);
    const role = await roleOfOrg(this.uow.manager, orgId, roleId);
    refuseOwnerRole(role);
    await this.uow.manager.delete(RoleEntity, { id: role.id, orgId });
    this.uow.raise(new RoleChangedEvent({ actor, orgId }, 'role.delete', role.id, { name: role.name }));
  }
}
