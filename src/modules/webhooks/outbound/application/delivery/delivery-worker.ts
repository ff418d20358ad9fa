import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../../../config/app-config.js';
import { systemActor } from '../../../../../shared/auth/actor.js';
import { UnitOfWork } from '../../../../../shared/cqrs/unit-of-work.js';
import { SecretBox } from '../../../../../shared/crypto/secret-box.js';
import { retryDelayMs } from '../../domain/retry-schedule.js';
import { signatureHeader } from '../../domain/webhook-signature.js';
import { DeliveryMetrics } from '../../infrastructure/delivery-metrics.js';
import { DeliveryQueue } from '../../infrastructure/delivery-queue.js';
import { WebhookDeliveryEntity } from '../../infrastructure/webhook-delivery.entity.js';
import { WebhookEndpointEntity } from '../../infrastructure/webhook-endpoint.entity.js';
import { sendWebhook, type SendOutcome } from '../../infrastructure/webhook-sender.js';
import { WebhookEndpointChangedEvent } from '../events/webhook-endpoint.events.js';

interface DueDelivery {
  readonly id: string;
  readonly org_id: string;
  readonly endpoint_id: string;
  readonly body: string;
  readonly attempts: number;
  readonly url: string;
  readonly enabled: boolean;
  readonly secret_encrypted: string;
  readonly previous_secret_encrypted: string | null;
  readonly previous_secret_expires_at: Date | null;
}

const WORKER = systemActor('webhook-delivery');

/**
 * Makes one attempt at a due delivery per queue job. The delivery row is locked for the attempt (a
 * duplicate job skips it) and its outcome, the next wake-up job and any endpoint change commit together:
 * if the process dies mid-attempt nothing is recorded and pg-boss runs the job again.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap {
  constructor(
    private readonly queue: DeliveryQueue,
    private readonly uow: UnitOfWork,
    private readonly metrics: DeliveryMetrics,
    @Inject(SecretBox) private readonly box: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.webhooks.workerEnabled) await this.queue.work(({ deliveryId }) => this.attempt(deliveryId));
  }

  async attempt(deliveryId: string): Promise<void> {
    await this.uow.run(async (manager) => {
      const [delivery] = (await manager.query(
        `SELECT d.id, d.org_id, d.endpoint_id, d.body, d.attempts, e.url, e.enabled, e.secret_encrypted,
                e.previous_secret_encrypted, e.previous_secret_expires_at
           FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
          WHERE d.id = $1 AND d.status = 'pending' AND d.next_attempt_at <= now() + interval '1 second'
            FOR UPDATE OF d SKIP LOCKED`,
        [deliveryId],
      )) as DueDelivery[];
      // Delivered, discarded, rescheduled, deleted, or another worker has it: this job has nothing to do.
      if (!delivery) return;
      const now = new Date();
      if (!delivery.enabled) {
        await this.settle(manager, delivery, now, 'dead', { status: null, body: null, error: 'Endpoint is disabled' });
        return;
      }
      const outcome = await this.send(delivery, now);
      const succeeded = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
      this.metrics.attempted(succeeded ? 'success' : 'failure');
      if (succeeded) return this.settle(manager, delivery, now, 'delivered', outcome);
      const delay = retryDelayMs(
        { maxAttempts: this.config.webhooks.maxAttempts, baseMs: this.config.webhooks.retryBaseMs, maxDelayMs: this.config.webhooks.retryMaxDelayMs },
        delivery.attempts + 1,
      );
      if (delay === null) return this.settle(manager, delivery, now, 'dead', outcome);
      const next = new Date(now.getTime() + delay);
      await manager.update(WebhookDeliveryEntity, { id: delivery.id }, { ...this.recorded(delivery, now, outcome), nextAttemptAt: next });
      await this.queue.schedule(manager, delivery.id, next);
    });
  }

  private send(delivery: DueDelivery, now: Date): Promise<SendOutcome> {
    const secrets = [this.box.open(delivery.secret_encrypted)];
    if (delivery.previous_secret_encrypted && delivery.previous_secret_expires_at && delivery.previous_secret_expires_at > now) {
      secrets.push(this.box.open(delivery.previous_secret_encrypted));
    }
    const timestamp = Math.floor(now.getTime() / 1000);
    return sendWebhook({
      url: delivery.url,
      body: delivery.body,
      timeoutMs: this.config.webhooks.timeoutMs,
      allowPrivateTargets: this.config.webhooks.allowPrivateTargets,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'KiCI-Platform-Webhooks',
        'webhook-id': delivery.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureHeader(secrets, delivery.id, timestamp, delivery.body),
      },
    });
  }

  private recorded(delivery: DueDelivery, now: Date, outcome: SendOutcome): Partial<WebhookDeliveryEntity> {
    return {
      attempts: delivery.attempts + 1,
      lastAttemptAt: now,
      responseStatus: outcome.status,
      responseBody: outcome.body,
      error: outcome.error ?? (outcome.status !== null && (outcome.status < 200 || outcome.status >= 300) ? `Receiver answered ${outcome.status}` : null),
    };
  }

  /**
   * Final state of a delivery. A success resets the endpoint's dead streak; a dead delivery extends it,
   * and the streak reaching the limit disables the endpoint (audited, actor `system`).
   */
  private async settle(manager: EntityManager, delivery: DueDelivery, now: Date, status: 'delivered' | 'dead', outcome: SendOutcome): Promise<void> {
    const attempted = status === 'delivered' || outcome.error !== 'Endpoint is disabled';
    await manager.update(
      WebhookDeliveryEntity,
      { id: delivery.id },
      { ...(attempted ? this.recorded(delivery, now, outcome) : { error: outcome.error }), status, nextAttemptAt: null, deliveredAt: status === 'delivered' ? now : null },
    );
    this.metrics.finished(status);
    if (status === 'delivered') {
      await manager.update(WebhookEndpointEntity, { id: delivery.endpoint_id }, { consecutiveDead: 0 });
      return;
    }
    if (!attempted) return;
    await manager.increment(WebhookEndpointEntity, { id: delivery.endpoint_id }, 'consecutiveDead', 1);
    const endpoint = await manager.findOne(WebhookEndpointEntity, { where: { id: delivery.endpoint_id }, lock: { mode: 'pessimistic_write' } });
    const limit = this.config.webhooks.disableAfterDead;
    if (!endpoint || !endpoint.enabled || endpoint.consecutiveDead < limit) return;
    const reason = `Disabled after ${limit} consecutive dead deliveries`;
    await manager.update(WebhookEndpointEntity, { id: endpoint.id }, { enabled: false, disabledReason: reason, updatedAt: now });
    this.uow.raise(
      new WebhookEndpointChangedEvent({ actor: WORKER, orgId: delivery.org_id }, 'webhook_endpoint.disabled', endpoint.id, { reason, lastDeliveryId: delivery.id }),
    );
  }
}
