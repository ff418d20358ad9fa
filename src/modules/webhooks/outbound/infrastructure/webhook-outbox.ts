import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { uuidv7 } from '../../../../shared/ids/uuid-v7.js';
import { subscribes, webhookBody, type WebhookEvent } from '../domain/event-catalogue.js';
import { DeliveryQueue } from './delivery-queue.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { WebhookEndpointEntity } from './webhook-endpoint.entity.js';

/**
 * Writes the outbox: one pending delivery per enabled endpoint of the organization that subscribes to
 * the event, plus its queue job, in the transaction of the change that caused the event. Either the
 * change, its deliveries and their jobs all commit, or none does.
 */
@Injectable()
export class WebhookOutbox {
  constructor(private readonly queue: DeliveryQueue) {}

  async record(manager: EntityManager, event: WebhookEvent): Promise<void> {
    const endpoints = await manager.find(WebhookEndpointEntity, { where: { orgId: event.orgId, enabled: true }, select: { id: true, eventTypes: true } });
    for (const endpoint of endpoints) {
      if (subscribes(endpoint.eventTypes, event.type)) await this.deliver(manager, endpoint.id, event);
    }
  }

  /** One delivery to one endpoint whatever it subscribes to (the test ping). Returns the delivery. */
  async deliver(manager: EntityManager, endpointId: string, event: WebhookEvent): Promise<WebhookDeliveryEntity> {
    const now = new Date();
    const delivery: WebhookDeliveryEntity = {
      id: uuidv7(),
      orgId: event.orgId,
      endpointId,
      eventType: event.type,
      body: webhookBody(event, now),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      lastAttemptAt: null,
      deliveredAt: null,
      responseStatus: null,
      responseBody: null,
      error: null,
      createdAt: now,
    };
    await manager.insert(WebhookDeliveryEntity, delivery);
    await this.queue.schedule(manager, delivery.id);
    return delivery;
  }
}
