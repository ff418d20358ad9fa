import { CommandHandler } from '@nestjs/cqrs';
import { canonicalJson } from '../../../../../shared/crypto/canonical-json.js';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { isUniqueViolation } from '../../../../../shared/database/constraint-errors.js';
import { DomainError } from '../../../../../shared/errors/domain-error.js';
import { toRoleView, type RoleView } from '../../../domain/role-view.js';
import { RoleEntity } from '../../../infrastructure/role.entity.js';
import { RoleChangedEvent } from '../../events/role.events.js';
import { refuseOwnerRole, roleOfOrg } from '../../role-lookup.js';
import { UpdateRoleCommand } from './update-role.command.js';

@CommandHandler(UpdateRoleCommand)
export class UpdateRoleHandler extends TransactionalCommandHandler<UpdateRoleCommand, RoleView> {
  protected async handle({ actor, orgId, roleId, changes }: UpdateRoleCommand): Promise<RoleView> {
    const role = await roleOfOrg(this.uow.manager, orgId, roleId);
    refuseOwnerRole(role);
    const diff = (Object.keys(changes) as (keyof typeof changes)[])
      .filter((field) => changes[field] !== undefined && canonicalJson(changes[field]) !== canonicalJson(role[field]))
      .map((field) => ({ field, old: role[field], new: changes[field] }));
    if (diff.length === 0) return toRoleView(role);
    const updated: RoleEntity = { ...role, ...Object.fromEntries(diff.map((change) => [change.field, change.new])), updatedAt: new Date() };
    try {
      await this.uow.manager.save(RoleEntity, updated);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('RBAC.ROLE_NAME_TAKEN', `A role named "${String(changes.name)}" already exists`);
      throw error;
    }
    this.uow.raise(new RoleChangedEvent({ actor, orgId }, 'role.update', roleId, { changes: diff }));
    return toRoleView(updated);
  }
}
