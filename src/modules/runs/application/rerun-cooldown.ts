import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { DomainError } from '../../../shared/errors/domain-error.js';

/**
 * One rerun per run per cooldown (5 s by default) across all replicas: the claim is a single upsert that
 * succeeds only when the previous claim is old enough.
 */
@Injectable()
export class RerunCooldown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async claim(orgId: string, runId: string): Promise<void> {
    const claimed = (await this.dataSource.query(
      `INSERT INTO rerun_cooldowns (org_id, run_id, requested_at) VALUES ($1, $2, now())
       ON CONFLICT (org_id, run_id) DO UPDATE SET requested_at = now()
        WHERE rerun_cooldowns.requested_at < now() - ($3::int * interval '1 millisecond')
       RETURNING run_id`,
      [orgId, runId, this.config.runs.rerunCooldownMs],
    )) as unknown[];
    if (claimed.length === 0) throw new DomainError('HTTP.RATE_LIMITED', 'This run was re-run moments ago; wait a few seconds and retry');
  }
}
