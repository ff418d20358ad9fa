import type { Auditable, AuditRecord } from '../../../../../shared/cqrs/auditable.js';
import { DomainEvent, type EventOrigin } from '../../../../../shared/cqrs/domain-event.js';

type EndpointAction =
  | 'webhook_endpoint.create'
  | 'webhook_endpoint.update'
  | 'webhook_endpoint.delete'
  | 'webhook_endpoint.test'
  | 'webhook_endpoint.secret.rotate'
  | 'webhook_endpoint.disabled';

/** A change to an outbound webhook endpoint; one audit row each. Never carries a secret. */
export class WebhookEndpointChangedEvent extends DomainEvent implements Auditable {
  constructor(
    origin: EventOrigin,
    readonly eventName: EndpointAction,
    readonly endpointId: string,
    readonly details: Record<string, unknown>,
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    return { action: this.eventName, targetType: 'webhook_endpoint', targetId: this.endpointId, payload: this.details };
  }
}

/** An operator acted on a dead (or pending) delivery. */
export class WebhookDeliveryChangedEvent extends DomainEvent implements Auditable {
  constructor(
    origin: EventOrigin,
    readonly eventName: 'webhook_delivery.requeue' | 'webhook_delivery.discard',
    readonly deliveryId: string,
    readonly details: Record<string, unknown>,
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    return { action: this.eventName, targetType: 'webhook_delivery', targetId: this.deliveryId, payload: this.details };
  }
}
