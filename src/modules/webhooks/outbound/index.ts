/**
 * OutboundWebhooks module: organizations' outbound webhook endpoints. It listens to other modules'
 * domain events (runs, members, keys, orchestrator connections) inside their transactions and writes the
 * deliveries there; nothing else needs to call it. The event catalogue is public for documentation.
 */
export { OutboundWebhooksModule } from './outbound-webhooks.module.js';
export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './domain/event-catalogue.js';
