import type { WebhookEndpointEntity } from '../infrastructure/webhook-endpoint.entity.js';

/** An endpoint as the API shows it: never the secret (that appears once, in the create and rotate answers). */
export interface EndpointView {
  readonly id: string;
  readonly url: string;
  readonly description: string | null;
  readonly eventTypes: string[];
  readonly enabled: boolean;
  readonly disabledReason: string | null;
  /** When the previous secret of a rotation stops signing; null outside an overlap. */
  readonly previousSecretExpiresAt: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function toEndpointView(endpoint: WebhookEndpointEntity): EndpointView {
  const overlap = endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt.getTime() > Date.now() ? endpoint.previousSecretExpiresAt : null;
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: endpoint.eventTypes,
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason,
    previousSecretExpiresAt: overlap ? overlap.toISOString() : null,
    createdBy: endpoint.createdBy,
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
  };
}
