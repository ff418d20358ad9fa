import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../../../config/app-config.js';
import { PeriodicTask } from '../../../../../shared/lifecycle/periodic-task.js';
import { DeliveryQueue } from '../../infrastructure/delivery-queue.js';

const EVERY_FIVE_MINUTES = 300_000;
const BATCH = 500;

/**
 * Two chores of the outbound deliveries, on one replica at a time:
 * - a pending delivery whose next attempt is 15 minutes overdue lost its job (pg-boss gave up after a long
 *   database outage, say): it gets a new one — a duplicate job is harmless, the delivery row is the truth;
 * - delivered and discarded deliveries older than the retention are deleted (dead ones stay: they are the
 *   dead-letter queue until someone requeues or discards them).
 */
@Injectable()
export class DeliveryHousekeeping implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly task: PeriodicTask;

  constructor(dataSource: DataSource, @Inject(APP_CONFIG) config: AppConfig, queue: DeliveryQueue) {
    this.task = new PeriodicTask('webhook-delivery-housekeeping', dataSource, EVERY_FIVE_MINUTES, async (manager) => {
      const stranded = (await manager.query(
        `SELECT id FROM webhook_deliveries
          WHERE status = 'pending' AND next_attempt_at < now() - interval '15 minutes'
          ORDER BY next_attempt_at LIMIT $1`,
        [BATCH],
      )) as { id: string }[];
      for (const { id } of stranded) await queue.schedule(manager, id);
      await manager.query(
        `DELETE FROM webhook_deliveries WHERE id IN (
           SELECT id FROM webhook_deliveries
            WHERE status IN ('delivered', 'discarded') AND created_at < now() - make_interval(days => $1) LIMIT $2)`,
        [config.inboundWebhooks.retentionDays, BATCH * 10],
      );
    });
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }
}
