import { Injectable } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { OrchestratorConnectionEvent, SourcesDeregisteredEvent } from '../../orchestrator-gateway/index.js';
import { RoutingChanges } from './routing-changes.js';

/**
 * A connection that ended or dropped routing keys takes no more deliveries: the kept candidates of its
 * organization are read afresh on every replica (a connection that begins takes none until it registers).
 */
@EventsHandler(OrchestratorConnectionEvent, SourcesDeregisteredEvent)
@Injectable()
export class RoutesChangedHandler implements IEventHandler<OrchestratorConnectionEvent | SourcesDeregisteredEvent> {
  constructor(private readonly changes: RoutingChanges) {}

  handle(event: OrchestratorConnectionEvent | SourcesDeregisteredEvent): void {
    if (event instanceof OrchestratorConnectionEvent) {
      if (event.eventName === 'orchestrator.disconnected' && event.metadata.orgId) this.changes.announce(event.metadata.orgId, 'routes-changed');
      return;
    }
    this.changes.announce(event.orgId, 'routes-changed');
  }
}
