import { hash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { DomainError } from '../../../shared/errors/domain-error.js';
import { type RelayEnvelope, type RelayTarget, WebhookRelay } from '../../orchestrator-gateway/index.js';
import type { DescribedDelivery } from './delivery-description.js';
import { DeliveryLog, type DeliveryOutcome } from './delivery-log.js';
import { RoutingFactsReader } from './routing-facts.js';
import { SourceConcurrency } from './source-concurrency.js';
import { UnknownSourceCache } from './unknown-source-cache.js';
import { WebhookMetrics } from './webhook-metrics.js';

/** What the provider is answered. */
export interface IngressAnswer {
  readonly requestId: string;
  readonly duplicate?: boolean;
}

const HTTP_STATUS: Record<DeliveryOutcome['status'], number> = {
  accepted: 200,
  rejected_signature: 401,
  rejected_unknown_source: 404,
  rejected_misconfigured: 500,
  unavailable: 503,
};

const unknownSource = (): DomainError => new DomainError('WEBHOOK.UNKNOWN_SOURCE', 'Unknown webhook source');

/**
 * Routes one inbound delivery to the orchestrators of its organization that registered its routing key
 * (orchestrator-protocol §2.6, platform-domain §5.2): candidates least-loaded first, each with its own
 * budget and a fresh message id; the first ack decides the provider's answer. Redelivering to the next
 * candidate is safe because orchestrators dedup on the delivery id. No retry queue: a 503 hands retrying
 * to the provider.
 */
@Injectable()
export class InboundRelay {
  private readonly logger = new Logger('InboundWebhooks');
  readonly unknown: UnknownSourceCache;
  private readonly concurrency: SourceConcurrency;
  private roundRobin = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly facts: RoutingFactsReader,
    private readonly relay: WebhookRelay,
    private readonly log: DeliveryLog,
    private readonly metrics: WebhookMetrics,
  ) {
    this.unknown = new UnknownSourceCache(config.inboundWebhooks.unknownSourceTtlMs);
    this.concurrency = new SourceConcurrency(config.inboundWebhooks.maxConcurrencyPerSource);
  }

  async receive(orgId: string, provider: string, { envelope, deliveryIdIssued }: DescribedDelivery, body: Buffer): Promise<IngressAnswer> {
    const receivedAt = new Date();
    const finish = (outcome: string): void => this.metrics.delivered(provider, outcome, (Date.now() - receivedAt.getTime()) / 1000);
    if (this.unknown.has(orgId, envelope.routingKey)) {
      finish('unknown_source');
      throw unknownSource();
    }
    const release = this.concurrency.tryAcquire(orgId, envelope.routingKey);
    if (!release) {
      finish('busy');
      throw new DomainError('WEBHOOK.SOURCE_BUSY', 'Too many deliveries in flight for this webhook source; retry shortly', { retryAfterSeconds: 1 });
    }
    try {
      const facts = await this.facts.read(orgId, envelope.routingKey);
      if (!facts.org || facts.org.disabled || (!facts.sourceKnown && facts.candidates.length === 0)) {
        // A disabled organization may come back; only what does not exist is remembered.
        if (!facts.org?.disabled) this.unknown.remember(orgId, envelope.routingKey);
        finish('unknown_source');
        throw unknownSource();
      }
      const previous = deliveryIdIssued ? null : await this.log.previous(orgId, envelope.deliveryId);
      if (previous?.status === 'accepted') {
        await this.log.countDuplicate(orgId, envelope.deliveryId);
        finish('duplicate');
        return { requestId: previous.requestId, duplicate: true };
      }
      const relayed = this.tryCandidates(orgId, this.ordered(facts.candidates), envelope, body);
      // Hashed once the relay is under way, while the socket drains and the orchestrator reads (10 MiB ≈ 6 ms of CPU).
      const payloadHash = hash('sha256', body, 'hex');
      const outcome = await relayed;
      if (outcome.status === 'rejected_unknown_source') this.unknown.remember(orgId, envelope.routingKey);
      const recorded = this.log.record(orgId, envelope, body, payloadHash, receivedAt, outcome, { behind: deliveryIdIssued }).catch((error: unknown) => {
        // The provider's answer is the relay's; a log write that failed must not turn it into an error.
        this.logger.error(`Could not record webhook delivery ${envelope.deliveryId}: ${error instanceof Error ? error.message : String(error)}`);
      });
      // A delivery id the sender named may come again, at any replica: that redelivery must find this row,
      // so the answer waits for its commit. An id the Platform made up can never come again; its row is
      // written behind the answer, and the provider does not wait on a WAL flush for a log entry.
      if (!deliveryIdIssued) await recorded;
      finish(outcome.status);
      return answerOrThrow(outcome, envelope.requestId);
    } finally {
      release();
    }
  }

  /** Least-loaded first (relays this replica has waiting on each); ties taken in turn so siblings share the load. */
  private ordered(candidates: readonly RelayTarget[]): RelayTarget[] {
    const start = this.roundRobin++ % Math.max(1, candidates.length);
    const rotated = [...candidates.slice(start), ...candidates.slice(0, start)];
    return rotated.sort((a, b) => this.relay.load(a.connectionId) - this.relay.load(b.connectionId));
  }

  private async tryCandidates(orgId: string, candidates: readonly RelayTarget[], envelope: RelayEnvelope, body: Buffer): Promise<DeliveryOutcome> {
    let attempts = 0;
    for (const target of candidates) {
      attempts++;
      const result = await this.relay.relay(target, envelope, body, this.config.inboundWebhooks.relayTimeoutMs);
      this.metrics.attempt(result.kind === 'ack' ? result.result : result.kind);
      // A candidate that is gone: the news of it may still be on its way; read the routes afresh next time.
      if (result.kind === 'offline') this.facts.forgetOrg(orgId);
      if (result.kind === 'ack') {
        return { status: result.result, httpStatus: HTTP_STATUS[result.result], reason: result.reason, routedTo: target.connectionId, attempts };
      }
    }
    return { status: 'unavailable', httpStatus: 503, reason: attempts === 0 ? 'no orchestrator connected' : `no answer from ${attempts} orchestrator connection(s)`, routedTo: null, attempts };
  }
}

function answerOrThrow(outcome: DeliveryOutcome, requestId: string): IngressAnswer {
  switch (outcome.status) {
    case 'accepted':
      return { requestId };
    case 'rejected_signature':
      throw new DomainError('WEBHOOK.REJECTED_SIGNATURE', 'Webhook signature verification failed');
    case 'rejected_unknown_source':
      throw unknownSource();
    case 'rejected_misconfigured':
      throw new DomainError('WEBHOOK.SOURCE_MISCONFIGURED', 'The orchestrator cannot verify webhooks for this source (misconfigured)');
    case 'unavailable':
      throw new DomainError('WEBHOOK.NO_ORCHESTRATOR', 'No orchestrator available', { retryAfterSeconds: 5 });
  }
}
