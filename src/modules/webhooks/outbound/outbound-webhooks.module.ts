import { Module } from '@nestjs/common';
import { CreateEndpointHandler } from './application/commands/create-endpoint/create-endpoint.handler.js';
import { DeleteEndpointHandler } from './application/commands/delete-endpoint/delete-endpoint.handler.js';
import { DiscardDeliveryHandler } from './application/commands/discard-delivery/discard-delivery.handler.js';
import { RequeueDeliveryHandler } from './application/commands/requeue-delivery/requeue-delivery.handler.js';
import { RotateEndpointSecretHandler } from './application/commands/rotate-endpoint-secret/rotate-endpoint-secret.handler.js';
import { TestEndpointHandler } from './application/commands/test-endpoint/test-endpoint.handler.js';
import { UpdateEndpointHandler } from './application/commands/update-endpoint/update-endpoint.handler.js';
import { DeliveryHousekeeping } from './application/delivery/delivery-housekeeping.js';
import { DeliveryWorker } from './application/delivery/delivery-worker.js';
import { OutboxProjectionHandler } from './application/event-handlers/outbox-projection.handler.js';
import { GetEndpointHandler } from './application/queries/get-endpoint/get-endpoint.handler.js';
import { ListDeliveriesHandler } from './application/queries/list-deliveries/list-deliveries.handler.js';
import { ListEndpointsHandler } from './application/queries/list-endpoints/list-endpoints.handler.js';
import { TargetCheck } from './application/target-check.js';
import { WebhookDeliveriesController } from './http/webhook-deliveries.controller.js';
import { WebhookEndpointsController } from './http/webhook-endpoints.controller.js';
import { DeliveryMetrics, deliveryMetricProviders } from './infrastructure/delivery-metrics.js';
import { DeliveryQueue } from './infrastructure/delivery-queue.js';
import { secretBoxProvider } from './infrastructure/secret-box.provider.js';
import { WebhookOutbox } from './infrastructure/webhook-outbox.js';

/**
 * Outbound webhooks: organization endpoints, the outbox written in the transaction of each change, and
 * the pg-boss worker that delivers signed (Standard Webhooks) requests with retries and a dead-letter state.
 */
@Module({
  controllers: [WebhookEndpointsController, WebhookDeliveriesController],
  providers: [
    CreateEndpointHandler,
    UpdateEndpointHandler,
    DeleteEndpointHandler,
    TestEndpointHandler,
    RotateEndpointSecretHandler,
    RequeueDeliveryHandler,
    DiscardDeliveryHandler,
    ListEndpointsHandler,
    GetEndpointHandler,
    ListDeliveriesHandler,
    OutboxProjectionHandler,
    DeliveryWorker,
    DeliveryHousekeeping,
    DeliveryQueue,
    WebhookOutbox,
    TargetCheck,
    DeliveryMetrics,
    ...deliveryMetricProviders,
    secretBoxProvider,
  ],
})
export class OutboundWebhooksModule {}
