import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { DomainError } from '../../../../../shared/errors/domain-error.js';
import { isUuid } from '../../../../../shared/ids/uuid-v7.js';
import { UserApiKeyEntity } from '../../../infrastructure/user-api-key.entity.js';
import { ApiKeyChangedEvent } from '../../events/api-key.events.js';
import { RevokeApiKeyCommand } from './revoke-api-key.command.js';

@CommandHandler(RevokeApiKeyCommand)
export class RevokeApiKeyHandler extends TransactionalCommandHandler<RevokeApiKeyCommand> {
  protected async handle({ actor, orgId, keyId, callerUserId, any }: RevokeApiKeyCommand): Promise<void> {
    const key = isUuid(keyId) ? await this.uow.manager.findOne(UserApiKeyEntity, { where: { id: keyId, orgId }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!key || key.revokedAt) throw new DomainError('TOKENS.API_KEY_NOT_FOUND', 'API key not found');
    if (!any && key.createdBy !== callerUserId) throw new DomainError('RBAC.FORBIDDEN', 'Insufficient permission: api_keys.admin needed');
    await this.uow.manager.update(UserApiKeyEntity, { id: key.id }, { revokedAt: new Date() });
    this.uow.raise(new ApiKeyChangedEvent({ actor, orgId }, 'api_key.revoke', key.id, { name: key.name, prefix: key.tokenPrefix }));
  }
}
