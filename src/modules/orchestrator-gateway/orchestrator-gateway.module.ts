import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/index.js';
import { TokensModule } from '../tokens/index.js';
import { ConnectionChanges } from './application/connection-changes.js';
import { ConnectionSelector } from './application/connection-selector.js';
import { ConnectionStore } from './application/connection-store.js';
import { OrchestratorProxy } from './application/orchestrator-proxy.js';
import { FailedAuthThrottle } from './application/failed-auth-throttle.js';
import { GatewayMetrics, gatewayMetricProviders } from './application/gateway-metrics.js';
import { HeartbeatMonitor } from './application/heartbeat-monitor.js';
import { KeyRevocationListener, OrchestratorKeyRevokedHandler } from './application/key-revocation.js';
import { SessionProtocol } from './application/session-protocol.js';
import { TrustInputsChangedHandler, TrustPolicyPush } from './application/trust-policy-push.js';
import { WebhookRelay } from './application/webhook-relay.js';
import { RemoteCandidates } from './application/remote-candidates.js';
import { ReplicaDepartures } from './application/replica-departures.js';
import { SessionRegistry } from './application/session-registry.js';
import { OrchestratorsController } from './http/orchestrators.controller.js';
import { OrgOrchestrationController } from './http/org-orchestration.controller.js';
import { OrchestratorGateway } from './orchestrator.gateway.js';

/** OrchestratorGateway: the `/ws` endpoint of KiCI orchestrators, their sessions across replicas. */
@Module({
  imports: [TokensModule, IdentityModule],
  controllers: [OrchestratorsController, OrgOrchestrationController],
  providers: [
    OrchestratorGateway,
    SessionProtocol,
    SessionRegistry,
    ConnectionStore,
    FailedAuthThrottle,
    HeartbeatMonitor,
    KeyRevocationListener,
    OrchestratorKeyRevokedHandler,
    TrustPolicyPush,
    TrustInputsChangedHandler,
    GatewayMetrics,
    ...gatewayMetricProviders,
    ConnectionChanges,
    RemoteCandidates,
    ConnectionSelector,
    OrchestratorProxy,
    WebhookRelay,
    ReplicaDepartures,
  ],
  exports: [OrchestratorProxy, WebhookRelay],
})
export class OrchestratorGatewayModule {}
