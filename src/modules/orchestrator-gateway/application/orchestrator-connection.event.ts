import { DomainEvent, type EventOrigin } from '../../../shared/cqrs/domain-event.js';

/**
 * An orchestrator session began (authenticated) or ended (closed, or reaped after its replica went
 * quiet), raised in the transaction that records it in `platform_connections`, once per session and
 * direction. Not audited: connections are operational facts, listed by the orchestrators routes.
 */
export class OrchestratorConnectionEvent extends DomainEvent {
  constructor(
    origin: EventOrigin,
    readonly eventName: 'orchestrator.connected' | 'orchestrator.disconnected',
    readonly connectionId: string,
    readonly keyId: string | null,
    readonly clusterName: string | null,
  ) {
    super(origin);
  }
}
