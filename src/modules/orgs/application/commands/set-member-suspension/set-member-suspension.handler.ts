import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { lockOrgMembership } from '../../../../../shared/database/org-membership-lock.js';
import { DomainError } from '../../../../../shared/errors/domain-error.js';
import { refuseLastOwner } from '../../../../rbac/index.js';
import { OrgMemberEntity } from '../../../infrastructure/org-member.entity.js';
import { MemberChangedEvent } from '../../events/member.events.js';
import { isOwnerOf, memberOfOrg } from '../../member-lookup.js';
import { SetMemberSuspensionCommand } from './set-member-suspension.command.js';

@CommandHandler(SetMemberSuspensionCommand)
export class SetMemberSuspensionHandler extends TransactionalCommandHandler<SetMemberSuspensionCommand> {
  protected async handle({ actor, orgId, userId, suspended, access }: SetMemberSuspensionCommand): Promise<void> {
    const manager = this.uow.manager;
    await lockOrgMembership(manager, orgId);
    const member = await memberOfOrg(manager, orgId, userId);
    if ((member.suspendedAt !== null) === suspended) return;
    if (await isOwnerOf(manager, orgId, userId)) {
      if (!access.isOwner) throw new DomainError('ORGS.OWNER_REQUIRED', 'Only an Owner can suspend or reinstate an Owner');
      if (suspended) await refuseLastOwner(manager, orgId, [userId]);
    }
    await manager.update(OrgMemberEntity, { orgId, userId }, { suspendedAt: suspended ? new Date() : null });
    this.uow.raise(new MemberChangedEvent({ actor, orgId }, suspended ? 'member.suspend' : 'member.unsuspend', userId));
  }
}
