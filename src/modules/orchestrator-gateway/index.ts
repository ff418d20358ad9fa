/**
 * OrchestratorGateway module: orchestrator sessions on `/ws`. Other modules reach orchestrators through
 * `OrchestratorProxy.request` with the caller's `wireActorOf(principal)`.
 */
export { OrchestratorGatewayModule } from './orchestrator-gateway.module.js';
export { OrchestratorProxy } from './application/orchestrator-proxy.js';
export { wireActorOf, type WireActor } from './protocol/wire-actor.js';
export { OrchestratorTelemetryEvent, type TelemetrySource } from './application/orchestrator-telemetry.event.js';
export type { ClusterChoice } from './application/connection-selector.js';
export { WebhookRelay, type RelayOutcome, type RelayTarget } from './application/webhook-relay.js';
export { SourcesRegisteredEvent } from './application/sources-registered.event.js';
export { SourcesDeregisteredEvent } from './application/sources-deregistered.event.js';
export type { RelayEnvelope, WebhookAckResult } from './protocol/webhook-relay-frames.js';
export { clusterChoiceOf, clusterQueryFields } from './http/cluster-query.js';
export { OrchestratorConnectionEvent } from './application/orchestrator-connection.event.js';
