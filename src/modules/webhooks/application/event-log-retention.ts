import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { PeriodicTask } from '../../../shared/lifecycle/periodic-task.js';

const HOURLY = 3_600_000;
/** Rows deleted per statement, so a long backlog never holds a big lock or a long transaction. */
const BATCH = 5_000;

/** Deletes inbound delivery records older than the retention (platform-domain §1.17: 30 days warm). */
@Injectable()
export class EventLogRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly task: PeriodicTask;

  constructor(dataSource: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    this.task = new PeriodicTask('event-log-retention', dataSource, HOURLY, async (manager) => {
      await manager.query(
        `DELETE FROM event_log WHERE id IN (
           SELECT id FROM event_log WHERE received_at < now() - make_interval(days => $1) LIMIT $2)`,
        [config.inboundWebhooks.retentionDays, BATCH],
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
