import type { WebhookDeliveryEntity } from '../infrastructure/webhook-delivery.entity.js';

export interface DeliveryView {
  readonly id: string;
  readonly endpointId: string;
  readonly eventType: string;
  readonly status: string;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastAttemptAt: string | null;
  readonly deliveredAt: string | null;
  readonly responseStatus: number | null;
  readonly responseBody: string | null;
  readonly error: string | null;
  readonly payload: unknown;
  readonly createdAt: string;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toDeliveryView(delivery: WebhookDeliveryEntity): DeliveryView {
  return {
    id: delivery.id,
    endpointId: delivery.endpointId,
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.status === 'pending' ? iso(delivery.nextAttemptAt) : null,
    lastAttemptAt: iso(delivery.lastAttemptAt),
    deliveredAt: iso(delivery.deliveredAt),
    responseStatus: delivery.responseStatus,
    responseBody: delivery.responseBody,
    error: delivery.error,
    payload: JSON.parse(delivery.body) as unknown,
    createdAt: delivery.createdAt.toISOString(),
  };
}
