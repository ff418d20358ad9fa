import { Module } from '@nestjs/common';
import { OrchestratorGatewayModule } from '../orchestrator-gateway/index.js';
import { DeliveryLog } from './application/delivery-log.js';
import { EventLogRetention } from './application/event-log-retention.js';
import { InboundRelay } from './application/inbound-relay.js';
import { RoutesChangedHandler } from './application/routes-changed.handler.js';
import { RoutingChanges } from './application/routing-changes.js';
import { RoutingFactsReader } from './application/routing-facts.js';
import { SourcesRegisteredHandler } from './application/sources-registered.handler.js';
import { WebhookMetrics, webhookMetricProviders } from './application/webhook-metrics.js';
import { DeliveryLogReader } from './application/delivery-log-reader.js';
import { EventLogController } from './http/event-log.controller.js';
import { WebhookIngressController } from './http/webhook-ingress.controller.js';

/** Webhooks, inbound: provider deliveries relayed to the orchestrators that registered their routing keys. */
@Module({
  imports: [OrchestratorGatewayModule],
  controllers: [WebhookIngressController, EventLogController],
  providers: [
    EventLogRetention,
    InboundRelay,
    DeliveryLogReader,
    RoutingFactsReader,
    RoutingChanges,
    DeliveryLog,
    SourcesRegisteredHandler,
    RoutesChangedHandler,
    WebhookMetrics,
    ...webhookMetricProviders,
  ],
})
export class WebhooksModule {}
