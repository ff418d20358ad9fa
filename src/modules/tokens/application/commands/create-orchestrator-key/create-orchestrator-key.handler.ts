import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { uuidv7 } from '../../../../../shared/ids/uuid-v7.js';
import { displayPrefix, generateToken, hashToken } from '../../../domain/token-format.js';
import { OrchestratorKeyEntity } from '../../../infrastructure/orchestrator-key.entity.js';
import { OrchestratorKeyCreatedEvent } from '../../events/orchestrator-key.events.js';
import { toOrchestratorKeyView, type OrchestratorKeyView } from '../../orchestrator-key-view.js';
import { CreateOrchestratorKeyCommand } from './create-orchestrator-key.command.js';

@CommandHandler(CreateOrchestratorKeyCommand)
export class CreateOrchestratorKeyHandler extends TransactionalCommandHandler<CreateOrchestratorKeyCommand, OrchestratorKeyView & { key: string }> {
  protected async handle(command: CreateOrchestratorKeyCommand): Promise<OrchestratorKeyView & { key: string }> {
    const { actor, orgId, name, description, routingPatterns, createdBy } = command;
    const secret = generateToken('ok');
    const key: OrchestratorKeyEntity = {
      id: uuidv7(),
      orgId,
      name,
      description,
      routingPatterns,
      tokenHash: hashToken(secret),
      tokenPrefix: displayPrefix(secret),
      createdBy,
      createdAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.uow.manager.insert(OrchestratorKeyEntity, key);
    this.uow.raise(new OrchestratorKeyCreatedEvent({ actor, orgId }, key.id, { name, routingPatterns, prefix: key.tokenPrefix }));
    return { ...toOrchestratorKeyView(key), key: secret };
  }
}
