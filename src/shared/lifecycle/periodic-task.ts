import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Housekeeping that every replica schedules but only one runs at a time: each tick takes a
 * transaction-scoped advisory lock named after the task and skips the tick when another replica holds it.
 * Failures are logged and retried at the next tick; the timer never keeps the process alive.
 */
export class PeriodicTask {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly name: string,
    private readonly dataSource: DataSource,
    private readonly everyMs: number,
    private readonly work: (manager: EntityManager) => Promise<void>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One tick now (also what the timer does); resolves when it is done or skipped. */
  runOnce(): Promise<void> {
    this.running ??= this.tick().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async tick(): Promise<void> {
    if (!this.dataSource.isInitialized) return;
    try {
      await this.dataSource.transaction(async (manager) => {
        const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [`kici:task:${this.name}`])) as [{ locked: boolean }];
        if (locked) await this.work(manager);
      });
    } catch (error) {
      this.logger.warn(`${this.name} failed; retrying at the next tick: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
