import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../../shared/cqrs/transactional-command-handler.js';
import { DomainError } from '../../../../../../shared/errors/domain-error.js';
import { WebhookDeliveryEntity } from '../../../infrastructure/webhook-delivery.entity.js';
import { toDeliveryView, type DeliveryView } from '../../delivery-view.js';
import { lockedDelivery } from '../../endpoint-lookup.js';
import { WebhookDeliveryChangedEvent } from '../../events/webhook-endpoint.events.js';
import { DiscardDeliveryCommand } from './discard-delivery.command.js';

@CommandHandler(DiscardDeliveryCommand)
export class DiscardDeliveryHandler extends TransactionalCommandHandler<DiscardDeliveryCommand, DeliveryView> {
  protected async handle({ actor, orgId, endpointId, deliveryId }: DiscardDeliveryCommand): Promise<DeliveryView> {
    const delivery = await lockedDelivery(this.uow.manager, orgId, endpointId, deliveryId);
    if (delivery.status !== 'dead' && delivery.status !== 'pending') {
      throw new DomainError('OUTBOUND_WEBHOOKS.DELIVERY_STATE', `Only dead or pending deliveries can be discarded; this one is ${delivery.status}`);
    }
    const changes = { status: 'discarded' as const, nextAttemptAt: null };
    await this.uow.manager.update(WebhookDeliveryEntity, { id: delivery.id }, changes);
    this.uow.raise(new WebhookDeliveryChangedEvent({ actor, orgId }, 'webhook_delivery.discard', delivery.id, { endpointId, previousStatus: delivery.status }));
    return toDeliveryView({ ...delivery, ...changes });
  }
}
