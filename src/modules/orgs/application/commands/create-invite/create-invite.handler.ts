import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { lockOrgMembership } from '../../../../../shared/database/org-membership-lock.js';
import { DomainError } from '../../../../../shared/errors/domain-error.js';
import { uuidv7 } from '../../../../../shared/ids/uuid-v7.js';
import { InviteEntity } from '../../../infrastructure/invite.entity.js';
import { InviteChangedEvent } from '../../events/invite.events.js';
import { toInviteView, type InviteView } from '../../invite-view.js';
import { CreateInviteCommand } from './create-invite.command.js';

const DAY_MS = 86_400_000;

@CommandHandler(CreateInviteCommand)
export class CreateInviteHandler extends TransactionalCommandHandler<CreateInviteCommand, InviteView> {
  protected async handle({ actor, orgId, email, roleIds, expiresInDays, invitedBy }: CreateInviteCommand): Promise<InviteView> {
    const manager = this.uow.manager;
    await lockOrgMembership(manager, orgId);
    const member = (await manager.query(
      'SELECT 1 FROM org_members m JOIN users u ON u.id = m.user_id WHERE m.org_id = $1 AND lower(u.email) = $2',
      [orgId, email],
    )) as unknown[];
    if (member.length > 0) throw new DomainError('ORGS.ALREADY_MEMBER', `${email} is already a member`);
    const now = new Date();
    const pending = (await manager.query("SELECT 1 FROM invites WHERE org_id = $1 AND email = $2 AND status = 'pending' AND expires_at > $3", [
      orgId,
      email,
      now,
    ])) as unknown[];
    if (pending.length > 0) throw new DomainError('ORGS.INVITE_EXISTS', `${email} already has a pending invitation`);

    const invite: InviteEntity = {
      id: uuidv7(),
      orgId,
      email,
      roleIds: [...roleIds],
      invitedBy,
      status: 'pending',
      createdAt: now,
      expiresAt: new Date(now.getTime() + expiresInDays * DAY_MS),
      respondedAt: null,
    };
    await manager.insert(InviteEntity, invite);
    this.uow.raise(new InviteChangedEvent({ actor, orgId }, 'invite.create', invite.id, { email, roleIds, expiresAt: invite.expiresAt.toISOString() }));
    return toInviteView(invite);
  }
}
