import { CommandHandler } from '@nestjs/cqrs';
import { IsNull } from 'typeorm';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { DomainError } from '../../../../../shared/errors/domain-error.js';
import { PersonalAccessTokenEntity } from '../../../infrastructure/personal-access-token.entity.js';
import { PatRevokedEvent } from '../../events/pat-revoked.event.js';
import { RevokePatCommand } from './revoke-pat.command.js';

@CommandHandler(RevokePatCommand)
export class RevokePatHandler extends TransactionalCommandHandler<RevokePatCommand> {
  /**
   * Another user's token answers exactly like a missing one, so ids cannot be probed. Revoking a token
   * that is already revoked succeeds without a second audit row (logout may be retried).
   */
  protected async handle({ actor, userId, patId }: RevokePatCommand): Promise<void> {
    const pat = await this.uow.manager.findOne(PersonalAccessTokenEntity, { where: { id: patId, userId }, lock: { mode: 'pessimistic_write' } });
    if (!pat) throw new DomainError('TOKENS.PAT_NOT_FOUND', 'Personal access token not found');
    if (pat.revokedAt) return;
    await this.uow.manager.update(PersonalAccessTokenEntity, { id: pat.id, revokedAt: IsNull() }, { revokedAt: new Date() });
    this.uow.raise(new PatRevokedEvent({ actor, orgId: null }, pat.id, userId, pat.tokenPrefix));
  }
}
