import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../../shared/cqrs/transactional-command-handler.js';
import { WebhookEndpointEntity } from '../../../infrastructure/webhook-endpoint.entity.js';
import { lockedEndpoint } from '../../endpoint-lookup.js';
import { WebhookEndpointChangedEvent } from '../../events/webhook-endpoint.events.js';
import { DeleteEndpointCommand } from './delete-endpoint.command.js';

@CommandHandler(DeleteEndpointCommand)
export class DeleteEndpointHandler extends TransactionalCommandHandler<DeleteEndpointCommand> {
  protected async handle({ actor, orgId, endpointId }: DeleteEndpointCommand): Promise<void> {
    const endpoint = await lockedEndpoint(this.uow.manager, orgId, endpointId);
    await this.uow.manager.delete(WebhookEndpointEntity, { id: endpoint.id });
    this.uow.raise(new WebhookEndpointChangedEvent({ actor, orgId }, 'webhook_endpoint.delete', endpoint.id, { url: endpoint.url }));
  }
}
