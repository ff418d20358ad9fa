import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { type BlockingEventHandler, BlockingEventsHandler } from '../../../../shared/cqrs/blocking-event-handler.js';
import { UnitOfWork } from '../../../../shared/cqrs/unit-of-work.js';
import { newOrgId, newOrgPublicAlias } from '../../../../shared/ids/org-id.js';
import { UserCreatedEvent } from '../../../identity/index.js';
import { SeedOrgRolesCommand } from '../../../rbac/index.js';
import { OrgMemberEntity } from '../../infrastructure/org-member.entity.js';
import { OrgEntity } from '../../infrastructure/org.entity.js';
import { OrgCreatedEvent } from '../events/org-created.event.js';

/** "After sign-up you'll have a personal organisation": created in the transaction that creates the user. */
@Injectable()
@BlockingEventsHandler(UserCreatedEvent)
export class CreatePersonalOrgHandler implements BlockingEventHandler<UserCreatedEvent> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly commands: CommandBus,
  ) {}

  async handle(event: UserCreatedEvent, manager: EntityManager): Promise<void> {
    const { user } = event;
    const owner = user.displayName ?? user.email?.split('@')[0] ?? 'My';
    const now = new Date();
    const org: OrgEntity = {
      id: newOrgId(),
      publicAlias: newOrgPublicAlias(),
      displayName: `${owner} (personal)`.slice(0, 100),
      isPersonal: true,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
      disabledAt: null,
    };
    await manager.insert(OrgEntity, org);
    await manager.insert(OrgMemberEntity, { orgId: org.id, userId: user.id, joinedAt: now, suspendedAt: null });
    // Joins this transaction: the org, its roles and its Owner commit together.
    await this.commands.execute(new SeedOrgRolesCommand(event.metadata.actor, org.id, user.id));
    this.uow.raise(new OrgCreatedEvent({ actor: event.metadata.actor, orgId: org.id }, org.id, org.displayName, true, user.id));
  }
}
