import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PgNotifications } from '../../../shared/database/pg-notifications.js';
import { InboundRelay } from './inbound-relay.js';
import { RoutingFactsReader } from './routing-facts.js';

const CHANNEL = 'kici_webhook_sources';
/** Own notifications awaiting their echo; past this (the echoes were lost) the set starts over. */
const MAX_AWAITED_ECHOES = 10_000;

/**
 * One change of an organization's routing, as notified. `sourcesRegistered` absent: a replica that only
 * announces registrations (they all did before candidates were cached), so it means a registration.
 */
interface RoutingNotice {
  readonly orgId: string;
  /** When the change happened on the announcing replica (the negative cache keeps what it learnt after it). */
  readonly at: number;
  readonly sourcesRegistered?: boolean;
}

/**
 * Where an organization's webhooks can go has changed — sources registered or deregistered, a connection
 * ended — on this replica or another: every replica forgets the routing facts it kept for the organization,
 * and after a registration also its "unknown source" answers (a source an orchestrator has just added must
 * never stay hidden). Applied here at once, so the orchestrator's ack never precedes it; told to the other
 * replicas over NOTIFY, one notification per organization per event-loop turn, so a replica ending
 * thousands of sessions at once sends one statement.
 */
@Injectable()
export class RoutingChanges implements OnApplicationBootstrap {
  private readonly logger = new Logger('InboundWebhooks');
  private readonly pending = new Map<string, RoutingNotice>();
  /**
   * Payloads this replica notified, until they come back. Their change was applied here when announced,
   * after its commit; applying the echo again would only drop routes read since, fresh ones included.
   */
  private readonly awaitedEchoes = new Set<string>();
  private flushScheduled = false;

  constructor(
    private readonly relay: InboundRelay,
    private readonly facts: RoutingFactsReader,
    private readonly notifications: PgNotifications,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications.listen(CHANNEL, (payload) => {
      if (this.awaitedEchoes.delete(payload)) return;
      this.apply(JSON.parse(payload) as RoutingNotice);
    });
    // Changes notified while the listening connection was down are lost: start over rather than wait for TTLs.
    this.notifications.onResubscribed(() => {
      this.relay.unknown.clear();
      this.facts.forgetAll();
      this.awaitedEchoes.clear();
    });
  }

  announce(orgId: string, change: 'sources-registered' | 'routes-changed'): void {
    const notice: RoutingNotice = { orgId, at: Date.now(), sourcesRegistered: change === 'sources-registered' };
    this.apply(notice);
    const earlier = this.pending.get(orgId);
    this.pending.set(orgId, { ...notice, sourcesRegistered: notice.sourcesRegistered || earlier?.sourcesRegistered === true });
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => void this.flush());
  }

  private apply({ orgId, at, sourcesRegistered = true }: RoutingNotice): void {
    if (sourcesRegistered) this.relay.unknown.forgetOrg(orgId, at);
    this.facts.forgetOrg(orgId);
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const payloads = [...this.pending.values()].map((notice) => JSON.stringify(notice));
    this.pending.clear();
    if (this.awaitedEchoes.size + payloads.length > MAX_AWAITED_ECHOES) this.awaitedEchoes.clear();
    for (const payload of payloads) this.awaitedEchoes.add(payload);
    await this.notifications.notifyAll(CHANNEL, payloads).catch((error: unknown) => {
      for (const payload of payloads) this.awaitedEchoes.delete(payload);
      // The TTLs bound what the other replicas keep believing meanwhile.
      this.logger.warn(`Could not tell the other replicas about routing changes: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}
