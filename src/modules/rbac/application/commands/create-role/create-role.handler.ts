import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { isUniqueViolation } from '../../../../../shared/database/constraint-errors.js';
import { DomainError } from '../../../../../shared/errors/domain-error.js';
import { uuidv7 } from '../../../../../shared/ids/uuid-v7.js';
import { toRoleView, type RoleView } from '../../../domain/role-view.js';
import { RoleEntity } from '../../../infrastructure/role.entity.js';
import { RoleChangedEvent } from '../../events/role.events.js';
import { CreateRoleCommand } from './create-role.command.js';

@CommandHandler(CreateRoleCommand)
export class CreateRoleHandler extends TransactionalCommandHandler<CreateRoleCommand, RoleView> {
  protected async handle({ actor, orgId, definition }: CreateRoleCommand): Promise<RoleView> {
    const now = new Date();
    const role: RoleEntity = { id: uuidv7(), orgId, ...definition, isOwner: false, createdAt: now, updatedAt: now };
    try {
      await this.uow.manager.insert(RoleEntity, role);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('RBAC.ROLE_NAME_TAKEN', `A role named "${definition.name}" already exists`);
      throw error;
    }
    this.uow.raise(new RoleChangedEvent({ actor, orgId }, 'role.create', role.id, { ...definition }));
    return toRoleView(role);
  }
}
