import { Controller, Get, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { migrationsAreApplied } from '../database/migrator.js';
import { Public } from '../shared/auth/route-access.js';
import { DomainError } from '../shared/errors/domain-error.js';

const READY_QUERY_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Liveness and readiness probes, outside `/api/v1` and without credentials. */
@Public()
@Controller()
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The process is up and serving HTTP. Touches nothing else, so a slow database never restarts pods. */
  @Get('health')
  health(): { status: 'ok'; instanceId: string; uptimeSeconds: number } {
    return { status: 'ok', instanceId: this.config.instanceId, uptimeSeconds: Math.floor((Date.now() - this.startedAt) / 1000) };
  }

  /** Ready for traffic: the database answers and every migration is applied. 503 otherwise. */
  @Get('ready')
  async ready(): Promise<{ status: 'ready'; checks: { database: 'ok'; migrations: 'ok' } }> {
    let databaseOk = false;
    let migrationsOk = false;
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), READY_QUERY_TIMEOUT_MS);
      databaseOk = true;
      migrationsOk = await withTimeout(migrationsAreApplied(this.dataSource), READY_QUERY_TIMEOUT_MS);
    } catch {
      // Reported through the checks below.
    }
    if (!databaseOk || !migrationsOk) {
      throw new DomainError('SERVICE.UNAVAILABLE', 'Not ready', {
        checks: { database: databaseOk ? 'ok' : 'unreachable', migrations: migrationsOk ? 'ok' : databaseOk ? 'pending' : 'unknown' },
      });
    }
    return { status: 'ready', checks: { database: 'ok', migrations: 'ok' } };
  }
}
