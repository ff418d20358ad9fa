import { CommandHandler } from '@nestjs/cqrs';
import { levelRank } from '../../../../../shared/auth/permissions.js';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { lockOrgMembership } from '../../../../../shared/database/org-membership-lock.js';
import { DomainError } from '../../../../../shared/errors/domain-error.js';
import { refuseLastOwner } from '../../../../rbac/index.js';
import { OrgMemberEntity } from '../../../infrastructure/org-member.entity.js';
import { MemberChangedEvent } from '../../events/member.events.js';
import { isOwnerOf, memberOfOrg } from '../../member-lookup.js';
import { RemoveMemberCommand } from './remove-member.command.js';

@CommandHandler(RemoveMemberCommand)
export class RemoveMemberHandler extends TransactionalCommandHandler<RemoveMemberCommand> {
  protected async handle({ actor, orgId, userId, byUserId, access }: RemoveMemberCommand): Promise<void> {
    const leaving = userId === byUserId;
    if (!leaving && levelRank(access.permissions.members) < levelRank('admin')) {
      throw new DomainError('RBAC.FORBIDDEN', 'Insufficient permission: members.admin needed');
    }
    const manager = this.uow.manager;
    await lockOrgMembership(manager, orgId);
    await memberOfOrg(manager, orgId, userId);
    if (await isOwnerOf(manager, orgId, userId)) {
      if (!leaving && !access.isOwner) throw new DomainError('ORGS.OWNER_REQUIRED', 'Only an Owner can remove an Owner');
      await refuseLastOwner(manager, orgId, [userId]);
    }
    // Role assignments go with the membership (foreign key cascade).
    await manager.delete(OrgMemberEntity, { orgId, userId });
    this.uow.raise(new MemberChangedEvent({ actor, orgId }, leaving ? 'member.leave' : 'member.removed', userId));
  }
}
