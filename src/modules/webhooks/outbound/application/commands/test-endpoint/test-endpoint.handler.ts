import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../../shared/cqrs/transactional-command-handler.js';
import { WebhookOutbox } from '../../../infrastructure/webhook-outbox.js';
import { toDeliveryView, type DeliveryView } from '../../delivery-view.js';
import { lockedEndpoint } from '../../endpoint-lookup.js';
import { WebhookEndpointChangedEvent } from '../../events/webhook-endpoint.events.js';
import { TestEndpointCommand } from './test-endpoint.command.js';

@CommandHandler(TestEndpointCommand)
export class TestEndpointHandler extends TransactionalCommandHandler<TestEndpointCommand, DeliveryView> {
  constructor(private readonly outbox: WebhookOutbox) {
    super();
  }

  protected async handle({ actor, orgId, endpointId }: TestEndpointCommand): Promise<DeliveryView> {
    const endpoint = await lockedEndpoint(this.uow.manager, orgId, endpointId);
    const delivery = await this.outbox.deliver(this.uow.manager, endpoint.id, { type: 'ping', orgId, data: { endpointId: endpoint.id } });
    this.uow.raise(new WebhookEndpointChangedEvent({ actor, orgId }, 'webhook_endpoint.test', endpoint.id, { deliveryId: delivery.id }));
    return toDeliveryView(delivery);
  }
}
