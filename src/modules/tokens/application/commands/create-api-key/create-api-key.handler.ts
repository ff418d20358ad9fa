import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { uuidv7 } from '../../../../../shared/ids/uuid-v7.js';
import { displayPrefix, generateToken, hashToken } from '../../../domain/token-format.js';
import { UserApiKeyEntity } from '../../../infrastructure/user-api-key.entity.js';
import { toApiKeyView, type ApiKeyView } from '../../api-key-view.js';
import { ApiKeyChangedEvent } from '../../events/api-key.events.js';
import { CreateApiKeyCommand } from './create-api-key.command.js';

@CommandHandler(CreateApiKeyCommand)
export class CreateApiKeyHandler extends TransactionalCommandHandler<CreateApiKeyCommand, ApiKeyView & { token: string }> {
  protected async handle({ actor, orgId, creatorUserId, name, description, permissions }: CreateApiKeyCommand): Promise<ApiKeyView & { token: string }> {
    const token = generateToken('sk');
    const key: UserApiKeyEntity = {
      id: uuidv7(),
      orgId,
      createdBy: creatorUserId,
      name,
      description,
      permissions,
      tokenHash: hashToken(token),
      tokenPrefix: displayPrefix(token),
      createdAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.uow.manager.insert(UserApiKeyEntity, key);
    this.uow.raise(new ApiKeyChangedEvent({ actor, orgId }, 'api_key.create', key.id, { name, permissions, prefix: key.tokenPrefix }));
    return { ...toApiKeyView(key), token };
  }
}
