import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { type Db, PgBoss, type Job } from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config.js';
import { DATABASE_URL } from '../../../../shared/database/pg-notifications.js';

const QUEUE = 'webhook-delivery';
/** pg-boss keeps its tables in a schema of its own and migrates it itself at start. */
const SCHEMA = 'pgboss';
const SUPERVISE_INTERVAL_SECONDS = 10;

const QUEUE_OPTIONS = {
  // A handler that throws (database down) is retried by pg-boss after this.
  expireInSeconds: 60,
  // A job whose process was killed stays `active` (its delivery `pending`) until pg-boss fails it. Without
  // heartbeats that waited for the 60 s expiry plus a supervision pass (a minute or two after each crash);
  // a worker beats every 5 s, so a dead one's jobs are retried within about 10 s + one supervision pass.
  heartbeatSeconds: 10,
  retryLimit: 20,
  // pg-boss retries are only a handler that threw or died: retry soon, backing off (a database outage).
  retryDelay: 1,
  retryBackoff: true,
  retryDelayMax: 600,
  deleteAfterSeconds: 86_400,
};

export interface DeliveryJob {
  readonly deliveryId: string;
}

/**
 * The durable wake-up queue of deliveries (pg-boss). A job only says "look at delivery X at time T": the
 * delivery row stays the truth, so a duplicate or stale job is harmless. Jobs are inserted through the
 * caller's transaction, so a delivery and its job commit together — a crash after commit loses neither.
 * pg-boss retries a job only when its handler throws or dies (database trouble, a killed process); the
 * delivery's own retry schedule is separate jobs with `startAfter`.
 */
@Injectable()
export class DeliveryQueue implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('WebhookDeliveryQueue');
  private readonly boss: PgBoss;

  constructor(@Inject(DATABASE_URL) databaseUrl: string, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      schema: SCHEMA,
      max: 3,
      application_name: 'kici-webhooks',
      // Cron scheduling is not used; supervision expires and retries the jobs of a dead process.
      schedule: false,
      // No LISTEN connection: it outlived stop() and broke when test databases were dropped; polling suffices.
      useListenNotify: false,
      // How often one replica fails the jobs whose worker stopped beating (see QUEUE_OPTIONS).
      superviseIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
    });
    this.boss.on('error', (error) => this.logger.error(`pg-boss: ${error.message}`));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    await this.boss.createQueue(QUEUE, QUEUE_OPTIONS);
    // createQueue leaves an existing queue as it was: bring one made by an older release up to date.
    await this.boss.updateQueue(QUEUE, QUEUE_OPTIONS);
  }

  /** Wakes the worker for `deliveryId` at `at` (now when omitted), inside the caller's transaction. */
  async schedule(manager: EntityManager, deliveryId: string, at?: Date): Promise<void> {
    await this.boss.send(QUEUE, { deliveryId } satisfies DeliveryJob, { startAfter: at, db: transactionExecutor(manager) });
  }

  /** Starts taking jobs on this replica; one handler call per job. */
  async work(handler: (job: DeliveryJob) => Promise<void>): Promise<void> {
    await this.boss.work<DeliveryJob>(
      QUEUE,
      {
        batchSize: 1,
        localConcurrency: this.config.webhooks.workerConcurrency,
        pollingIntervalSeconds: this.config.webhooks.pollIntervalMs / 1000,
      },
      async ([job]: Job<DeliveryJob>[]) => {
        if (job) await handler(job.data);
      },
    );
  }

  /** Stops fetching and lets attempts in flight finish (they are bounded by the send timeout). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.boss.offWork(QUEUE, { wait: true }).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss.stop({ graceful: false, close: true, timeout: 1000 }).catch((error: Error) => this.logger.warn(`pg-boss stop: ${error.message}`));
  }
}

/** Runs pg-boss statements on the connection of the caller's TypeORM transaction. */
function transactionExecutor(manager: EntityManager): Db {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('DeliveryQueue.schedule needs the transaction of the change');
  return {
    executeSql: async (text, values) => ({ rows: (await runner.query(text, values as unknown[], true)).records as unknown[] }),
  };
}
