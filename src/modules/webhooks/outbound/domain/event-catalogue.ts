/** Every event type an endpoint can subscribe to; `["*"]` subscribes to all of them. */
export const WEBHOOK_EVENT_TYPES = [
  'run.started',
  'run.succeeded',
  'run.failed',
  'run.cancelled',
  'member.added',
  'member.removed',
  'api_key.created',
  'api_key.revoked',
  'orchestrator_key.created',
  'orchestrator_key.revoked',
  'orchestrator.connected',
  'orchestrator.disconnected',
  'ping',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const ALL_EVENTS = '*';

/** What an outbound event says: Standard Webhooks' `{ type, timestamp, data }` plus the tenant. Never secrets. */
export interface WebhookEvent {
  readonly type: WebhookEventType;
  readonly orgId: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The exact body sent for an event (kept on the delivery so every attempt signs the same bytes). */
export function webhookBody(event: WebhookEvent, at: Date): string {
  return JSON.stringify({ type: event.type, timestamp: at.toISOString(), orgId: event.orgId, data: event.data });
}

export function subscribes(eventTypes: readonly string[], type: WebhookEventType): boolean {
  return eventTypes.includes(ALL_EVENTS) || eventTypes.includes(type);
}
