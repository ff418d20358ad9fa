import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { uuidv7 } from '../../../../../shared/ids/uuid-v7.js';
import { MEMBER_ROLE, OWNER_ROLE } from '../../../domain/built-in-roles.js';
import { RoleAssignmentEntity } from '../../../infrastructure/role-assignment.entity.js';
import { RoleEntity } from '../../../infrastructure/role.entity.js';
import { SeedOrgRolesCommand } from './seed-org-roles.command.js';

@CommandHandler(SeedOrgRolesCommand)
export class SeedOrgRolesHandler extends TransactionalCommandHandler<SeedOrgRolesCommand> {
  protected async handle({ orgId, ownerUserId }: SeedOrgRolesCommand): Promise<void> {
    const now = new Date();
    const role = (name: string, permissions: RoleEntity['permissions'], isOwner: boolean): RoleEntity => ({
      id: uuidv7(),
      orgId,
      name,
      description: null,
      permissions,
      repoPatterns: ['*'],
      isOwner,
      createdAt: now,
      updatedAt: now,
    });
    const owner = role(OWNER_ROLE.name, OWNER_ROLE.permissions, true);
    await this.uow.manager.insert(RoleEntity, [owner, role(MEMBER_ROLE.name, MEMBER_ROLE.permissions, false)]);
    if (ownerUserId === null) return;
    await this.uow.manager.insert(RoleAssignmentEntity, { orgId, userId: ownerUserId, roleId: owner.id, assignedBy: null, createdAt: now });
  }
}
