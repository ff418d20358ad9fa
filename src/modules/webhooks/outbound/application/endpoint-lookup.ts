import type { EntityManager } from 'typeorm';
import { DomainError } from '../../../../shared/errors/domain-error.js';
import { isUuid } from '../../../../shared/ids/uuid-v7.js';
import { entityColumns } from '../../../../shared/database/entity-columns.js';
import { WebhookDeliveryEntity } from '../infrastructure/webhook-delivery.entity.js';
import { WebhookEndpointEntity } from '../infrastructure/webhook-endpoint.entity.js';

// Plain SQL rather than `findOne`: building a find query cost about 70 µs of CPU per call in a CPU profile,
// more than the statement itself, on the path of every endpoint change.

/** The endpoint of `orgId`, locked for the rest of the transaction; 404 for another org's or a malformed id. */
export async function lockedEndpoint(manager: EntityManager, orgId: string, endpointId: string): Promise<WebhookEndpointEntity> {
  const [endpoint] = isUuid(endpointId)
    ? ((await manager.query(`SELECT ${entityColumns(manager, WebhookEndpointEntity)} FROM webhook_endpoints WHERE id = $1 AND org_id = $2 FOR UPDATE`, [
        endpointId,
        orgId,
      ])) as WebhookEndpointEntity[])
    : [];
  if (!endpoint) throw new DomainError('OUTBOUND_WEBHOOKS.ENDPOINT_NOT_FOUND', 'Webhook endpoint not found');
  return endpoint;
}

/** A delivery of that endpoint, locked; 404 otherwise. */
export async function lockedDelivery(manager: EntityManager, orgId: string, endpointId: string, deliveryId: string): Promise<WebhookDeliveryEntity> {
  const [delivery] =
    isUuid(endpointId) && isUuid(deliveryId)
      ? ((await manager.query(`SELECT ${entityColumns(manager, WebhookDeliveryEntity)} FROM webhook_deliveries WHERE id = $1 AND endpoint_id = $2 AND org_id = $3 FOR UPDATE`, [
          deliveryId,
          endpointId,
          orgId,
        ])) as WebhookDeliveryEntity[])
      : [];
  if (!delivery) throw new DomainError('OUTBOUND_WEBHOOKS.DELIVERY_NOT_FOUND', 'Webhook delivery not found');
  return delivery;
}
