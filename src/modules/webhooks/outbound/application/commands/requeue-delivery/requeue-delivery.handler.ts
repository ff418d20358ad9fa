import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '../../../../../../shared/cqrs/transactional-command-handler.js';
import { DomainError } from '../../../../../../shared/errors/domain-error.js';
import { DeliveryQueue } from '../../../infrastructure/delivery-queue.js';
import { WebhookDeliveryEntity } from '../../../infrastructure/webhook-delivery.entity.js';
import { toDeliveryView, type DeliveryView } from '../../delivery-view.js';
import { lockedDelivery } from '../../endpoint-lookup.js';
import { WebhookDeliveryChangedEvent } from '../../events/webhook-endpoint.events.js';
import { RequeueDeliveryCommand } from './requeue-delivery.command.js';

@CommandHandler(RequeueDeliveryCommand)
export class RequeueDeliveryHandler extends TransactionalCommandHandler<RequeueDeliveryCommand, DeliveryView> {
  constructor(private readonly queue: DeliveryQueue) {
    super();
  }

  protected async handle({ actor, orgId, endpointId, deliveryId }: RequeueDeliveryCommand): Promise<DeliveryView> {
    const delivery = await lockedDelivery(this.uow.manager, orgId, endpointId, deliveryId);
    if (delivery.status !== 'dead' && delivery.status !== 'discarded') {
      throw new DomainError('OUTBOUND_WEBHOOKS.DELIVERY_STATE', `Only dead or discarded deliveries can be requeued; this one is ${delivery.status}`);
    }
    const now = new Date();
    const changes = { status: 'pending' as const, attempts: 0, nextAttemptAt: now, error: null };
    await this.uow.manager.update(WebhookDeliveryEntity, { id: delivery.id }, changes);
    await this.queue.schedule(this.uow.manager, delivery.id, now);
    this.uow.raise(new WebhookDeliveryChangedEvent({ actor, orgId }, 'webhook_delivery.requeue', delivery.id, { endpointId, previousStatus: delivery.status }));
    return toDeliveryView({ ...delivery, ...changes });
  }
}
