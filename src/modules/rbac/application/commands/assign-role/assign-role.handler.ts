import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { isForeignKeyViolation } from '../../../../../shared/database/constraint-errors.js';
import { lockOrgMembership } from '../../../../../shared/database/org-membership-lock.js';
import { DomainError } from '../../../../../shared/errors/domain-error.js';
import { isUuid } from '../../../../../shared/ids/uuid-v7.js';
import { RoleAssignmentEntity } from '../../../infrastructure/role-assignment.entity.js';
import { RoleChangedEvent } from '../../events/role.events.js';
import { roleOfOrg } from '../../role-lookup.js';
import { AssignRoleCommand } from './assign-role.command.js';

const memberNotFound = (): DomainError => new DomainError('ORGS.MEMBER_NOT_FOUND', 'Member not found');

@CommandHandler(AssignRoleCommand)
export class AssignRoleHandler extends TransactionalCommandHandler<AssignRoleCommand> {
  protected async handle({ actor, orgId, userId, roleId }: AssignRoleCommand): Promise<void> {
    if (!isUuid(userId)) throw memberNotFound();
    await lockOrgMembership(this.uow.manager, orgId);
    const role = await roleOfOrg(this.uow.manager, orgId, roleId);
    let inserted: { raw: unknown[] };
    try {
      inserted = (await this.uow.manager
        .createQueryBuilder()
        .insert()
        .into(RoleAssignmentEntity)
        .values({ orgId, userId, roleId: role.id, assignedBy: actor.type === 'user' ? actor.id : null, createdAt: new Date() })
        .orIgnore()
        .returning('role_id')
        .execute()) as { raw: unknown[] };
    } catch (error) {
      // The assignment references the membership: no membership, no assignment.
      if (isForeignKeyViolation(error)) throw memberNotFound();
      throw error;
    }
    if (inserted.raw.length > 0) this.uow.raise(new RoleChangedEvent({ actor, orgId }, 'role.assigned', role.id, { userId, roleName: role.name }));
  }
}
