import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { DomainError } from '../../../../../shared/errors/domain-error.js';
import { isUuid } from '../../../../../shared/ids/uuid-v7.js';
import { InviteEntity } from '../../../infrastructure/invite.entity.js';
import { InviteChangedEvent } from '../../events/invite.events.js';
import { RevokeInviteCommand } from './revoke-invite.command.js';

@CommandHandler(RevokeInviteCommand)
export class RevokeInviteHandler extends TransactionalCommandHandler<RevokeInviteCommand> {
  protected async handle({ actor, orgId, inviteId }: RevokeInviteCommand): Promise<void> {
    const invite = isUuid(inviteId)
      ? await this.uow.manager.findOne(InviteEntity, { where: { id: inviteId, orgId }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!invite) throw new DomainError('ORGS.INVITE_NOT_FOUND', 'Invitation not found');
    if (invite.status !== 'pending') throw new DomainError('ORGS.INVITE_NOT_PENDING', `The invitation is already ${invite.status}`);
    await this.uow.manager.update(InviteEntity, { id: invite.id }, { status: 'revoked', respondedAt: new Date() });
    this.uow.raise(new InviteChangedEvent({ actor, orgId }, 'invite.revoke', invite.id, { email: invite.email }));
  }
}
