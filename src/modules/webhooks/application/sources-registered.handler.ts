import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { PgNotifications } from '../../../shared/database/pg-notifications.js';
import { SourcesRegisteredEvent } from '../../orchestrator-gateway/index.js';
import { InboundRelay } from './inbound-relay.js';

const CHANNEL = 'kici_webhook_sources';

/**
 * New registrations end the "unknown source" answers for their organization on every replica: the
 * negative cache must never hide a source an orchestrator has just added.
 */
@EventsHandler(SourcesRegisteredEvent)
@Injectable()
export class SourcesRegisteredHandler implements IEventHandler<SourcesRegisteredEvent>, OnApplicationBootstrap {
  constructor(
    private readonly relay: InboundRelay,
    private readonly notifications: PgNotifications,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications.listen(CHANNEL, (payload) => {
      const { orgId, at } = JSON.parse(payload) as { orgId: string; at: number };
      this.relay.unknown.forgetOrg(orgId, at);
    });
  }

  async handle(event: SourcesRegisteredEvent): Promise<void> {
    const at = Date.now();
    this.relay.unknown.forgetOrg(event.orgId, at);
    await this.notifications.notify(CHANNEL, JSON.stringify({ orgId: event.orgId, at })).catch(() => undefined);
  }
}
