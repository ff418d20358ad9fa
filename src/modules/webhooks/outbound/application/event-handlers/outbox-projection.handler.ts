import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type BlockingEventHandler, BlockingEventsHandler } from '../../../../../shared/cqrs/blocking-event-handler.js';
import type { DomainEvent } from '../../../../../shared/cqrs/domain-event.js';
import { OrchestratorConnectionEvent } from '../../../../orchestrator-gateway/index.js';
import { MemberChangedEvent, MemberJoinedEvent } from '../../../../orgs/index.js';
import { RunLifecycleEvent } from '../../../../runs/index.js';
import { ApiKeyChangedEvent, OrchestratorKeyCreatedEvent, OrchestratorKeyRevokedEvent } from '../../../../tokens/index.js';
import type { WebhookEvent } from '../../domain/event-catalogue.js';
import { WebhookOutbox } from '../../infrastructure/webhook-outbox.js';

/** The outbound event a domain event becomes, if any; `data` says what happened and never holds a secret. */
function toWebhookEvent(event: DomainEvent, orgId: string): WebhookEvent | null {
  if (event instanceof RunLifecycleEvent) return { type: event.eventName, orgId, data: { ...event.run } };
  if (event instanceof MemberJoinedEvent) return { type: 'member.added', orgId, data: { userId: event.userId, inviteId: event.inviteId } };
  if (event instanceof MemberChangedEvent) {
    if (event.eventName !== 'member.removed' && event.eventName !== 'member.leave') return null;
    return { type: 'member.removed', orgId, data: { userId: event.userId, reason: event.eventName === 'member.leave' ? 'left' : 'removed' } };
  }
  if (event instanceof ApiKeyChangedEvent) {
    return { type: event.eventName === 'api_key.create' ? 'api_key.created' : 'api_key.revoked', orgId, data: { keyId: event.keyId, name: event.details.name } };
  }
  if (event instanceof OrchestratorKeyCreatedEvent) return { type: 'orchestrator_key.created', orgId, data: { keyId: event.keyId, name: event.details.name } };
  if (event instanceof OrchestratorKeyRevokedEvent) return { type: 'orchestrator_key.revoked', orgId, data: { keyId: event.keyId, name: event.name } };
  if (event instanceof OrchestratorConnectionEvent) {
    return { type: event.eventName, orgId, data: { connectionId: event.connectionId, keyId: event.keyId, clusterName: event.clusterName } };
  }
  return null;
}

/**
 * Turns the domain events outbound endpoints can subscribe to into outbox rows inside the transaction
 * that raised them: the delivery exists exactly when the change committed.
 */
@Injectable()
@BlockingEventsHandler(
  RunLifecycleEvent,
  MemberJoinedEvent,
  MemberChangedEvent,
  ApiKeyChangedEvent,
  OrchestratorKeyCreatedEvent,
  OrchestratorKeyRevokedEvent,
  OrchestratorConnectionEvent,
)
export class OutboxProjectionHandler implements BlockingEventHandler {
  constructor(private readonly outbox: WebhookOutbox) {}

  async handle(event: DomainEvent, manager: EntityManager): Promise<void> {
    const orgId = event.metadata.orgId;
    const webhookEvent = orgId ? toWebhookEvent(event, orgId) : null;
    if (webhookEvent) await this.outbox.record(manager, webhookEvent);
  }
}
