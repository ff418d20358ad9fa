import type { EntityManager } from 'typeorm';
import { DomainError } from '../../../../shared/errors/domain-error.js';
import { isUuid } from '../../../../shared/ids/uuid-v7.js';
import { WebhookDeliveryEntity } from '../infrastructure/webhook-delivery.entity.js';
import { WebhookEndpointEntity } from '../infrastructure/webhook-endpoint.entity.js';

/** The endpoint of `orgId`, locked for the rest of the transaction; 404 for another org's or a malformed id. */
export async function lockedEndpoint(manager: EntityManager, orgId: string, endpointId: string): Promise<WebhookEndpointEntity> {
  const endpoint = isUuid(endpointId)
    ? await manager.findOne(WebhookEndpointEntity, { where: { id: endpointId, orgId }, lock: { mode: 'pessimistic_write' } })
    : null;
  if (!endpoint) throw new DomainError('OUTBOUND_WEBHOOKS.ENDPOINT_NOT_FOUND', 'Webhook endpoint not found');
  return endpoint;
}

/** A delivery of that endpoint, locked; 404 otherwise. */
export async function lockedDelivery(manager: EntityManager, orgId: string, endpointId: string, deliveryId: string): Promise<WebhookDeliveryEntity> {
  const delivery =
    isUuid(endpointId) && isUuid(deliveryId)
      ? await manager.findOne(WebhookDeliveryEntity, { where: { id: deliveryId, endpointId, orgId }, lock: { mode: 'pessimistic_write' } })
      : null;
  if (!delivery) throw new DomainError('OUTBOUND_WEBHOOKS.DELIVERY_NOT_FOUND', 'Webhook delivery not found');
  return delivery;
}
