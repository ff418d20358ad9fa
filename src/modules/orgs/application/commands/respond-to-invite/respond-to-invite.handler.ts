import { CommandBus, CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { lockOrgMembership } from '../../../../../shared/database/org-membership-lock.js';
import { DomainError } from '../../../../../shared/errors/domain-error.js';
import { isUuid } from '../../../../../shared/ids/uuid-v7.js';
import { AssignRoleCommand } from '../../../../rbac/index.js';
import { InviteEntity } from '../../../infrastructure/invite.entity.js';
import { OrgMemberEntity } from '../../../infrastructure/org-member.entity.js';
import { OrgEntity } from '../../../infrastructure/org.entity.js';
import { InviteChangedEvent, MemberJoinedEvent } from '../../events/invite.events.js';
import { RespondToInviteCommand } from './respond-to-invite.command.js';

const notFound = (): DomainError => new DomainError('ORGS.INVITE_NOT_FOUND', 'Invitation not found');

@CommandHandler(RespondToInviteCommand)
export class RespondToInviteHandler extends TransactionalCommandHandler<RespondToInviteCommand, { orgId: string }> {
  constructor(private readonly commands: CommandBus) {
    super();
  }

  /**
   * Only the invitee answers: the caller's email must be the invitation's and verified by their identity
   * provider. Anyone else, like a missing invitation, gets "not found".
   */
  protected async handle({ actor, inviteId, invitee, accept }: RespondToInviteCommand): Promise<{ orgId: string }> {
    const manager = this.uow.manager;
    if (!isUuid(inviteId) || !invitee.email || !invitee.emailVerified) throw notFound();
    const invite = await manager.findOne(InviteEntity, { where: { id: inviteId }, lock: { mode: 'pessimistic_write' } });
    if (!invite || invite.email !== invitee.email.toLowerCase()) throw notFound();
    if (invite.status !== 'pending') throw new DomainError('ORGS.INVITE_NOT_PENDING', `The invitation is already ${invite.status}`);
    if (invite.expiresAt.getTime() <= Date.now()) throw new DomainError('ORGS.INVITE_EXPIRED', 'The invitation has expired');
    const orgId = invite.orgId;
    const origin = { actor, orgId };
    await manager.update(InviteEntity, { id: invite.id }, { status: accept ? 'accepted' : 'declined', respondedAt: new Date() });
    if (!accept) {
      this.uow.raise(new InviteChangedEvent(origin, 'invite.declined', invite.id, { email: invite.email }));
      return { orgId };
    }

    const org = await manager.findOneOrFail(OrgEntity, { where: { id: orgId } });
    if (org.disabledAt) throw new DomainError('ORGS.DISABLED', 'This organization is disabled', { disabledAt: org.disabledAt.toISOString() });
    await lockOrgMembership(manager, orgId);
    const joined = (await manager
      .createQueryBuilder()
      .insert()
      .into(OrgMemberEntity)
      .values({ orgId, userId: invitee.userId, joinedAt: new Date(), suspendedAt: null })
      .orIgnore()
      .returning('user_id')
      .execute()) as { raw: unknown[] };
    if (joined.raw.length === 0) throw new DomainError('ORGS.ALREADY_MEMBER', 'You are already a member of this organization');
    this.uow.raise(new InviteChangedEvent(origin, 'invite.accept', invite.id, { email: invite.email }));
    this.uow.raise(new MemberJoinedEvent(origin, invitee.userId, invite.id));
    const existingRoles = (await manager.query('SELECT id FROM roles WHERE org_id = $1 AND id = ANY($2::uuid[])', [orgId, invite.roleIds])) as {
      id: string;
    }[];
    for (const { id } of existingRoles) await this.commands.execute(new AssignRoleCommand(actor, orgId, invitee.userId, id));
    return { orgId };
  }
}
