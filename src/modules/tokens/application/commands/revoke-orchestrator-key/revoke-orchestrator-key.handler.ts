import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';
import { DomainError } from '../../../../../shared/errors/domain-error.js';
import { isUuid } from '../../../../../shared/ids/uuid-v7.js';
import { OrchestratorKeyEntity } from '../../../infrastructure/orchestrator-key.entity.js';
import { OrchestratorKeyRevokedEvent } from '../../events/orchestrator-key.events.js';
import { RevokeOrchestratorKeyCommand } from './revoke-orchestrator-key.command.js';

@CommandHandler(RevokeOrchestratorKeyCommand)
export class RevokeOrchestratorKeyHandler extends TransactionalCommandHandler<RevokeOrchestratorKeyCommand> {
  protected async handle({ actor, orgId, keyId }: RevokeOrchestratorKeyCommand): Promise<void> {
    const key = isUuid(keyId)
      ? await this.uow.manager.findOne(OrchestratorKeyEntity, { where: { id: keyId, orgId }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!key || key.revokedAt) throw new DomainError('TOKENS.ORCHESTRATOR_KEY_NOT_FOUND', 'Orchestrator key not found');
    await this.uow.manager.update(OrchestratorKeyEntity, { id: key.id }, { revokedAt: new Date() });
    this.uow.raise(new OrchestratorKeyRevokedEvent({ actor, orgId }, key.id, key.name));
  }
}
