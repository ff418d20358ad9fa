import { Injectable } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { SourcesRegisteredEvent } from '../../orchestrator-gateway/index.js';
import { RoutingChanges } from './routing-changes.js';

/**
 * New registrations end the "unknown source" answers and the kept routing facts of their organization on
 * every replica: the caches must never hide a source an orchestrator has just added, nor the connection
 * that has just added it.
 */
@EventsHandler(SourcesRegisteredEvent)
@Injectable()
export class SourcesRegisteredHandler implements IEventHandler<SourcesRegisteredEvent> {
  constructor(private readonly changes: RoutingChanges) {}

  handle(event: SourcesRegisteredEvent): void {
    this.changes.announce(event.orgId, 'sources-registered');
  }
}
