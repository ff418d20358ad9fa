import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { InjectMetric, makeCounterProvider } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import type { ErrorCode } from '../../../shared/errors/error-codes.js';
import { RecordAuthFailureCommand } from '../application/commands/record-auth-failure/record-auth-failure.command.js';

const FAILURES_METRIC = 'kici_auth_failures_total';
const PER_SOURCE_PER_MINUTE = 5;
const TOTAL_PER_MINUTE = 120;

export const authFailureMetricProvider = makeCounterProvider({
  name: FAILURES_METRIC,
  help: 'Failed HTTP authentications, by reason.',
  labelNames: ['reason'],
});

/**
 * Keeps track of failed authentications. Every failure is counted in `kici_auth_failures_total`. Failures
 * of a credential that was at least well-formed (unknown, revoked or expired tokens, bad JWT signatures)
 * are also audited, in a transaction of their own (the failing request has none), without slowing the
 * response, and rate-limited per client address and in total so a flood cannot fill the table. A missing
 * header or a token failing its checksum is noise: counted, never written to the database.
 */
@Injectable()
export class AuthFailureRecorder {
  private readonly logger = new Logger('AuthFailures');
  private windowStart = 0;
  private total = 0;
  private readonly perSource = new Map<string, number>();
  private suppressed = 0;

  constructor(
    private readonly commands: CommandBus,
    @InjectMetric(FAILURES_METRIC) private readonly failures: Counter<'reason'>,
  ) {}

  record(reason: ErrorCode, credential: string, ip: string | null): void {
    this.failures.inc({ reason });
    if (reason === 'AUTH.UNAUTHENTICATED' || reason === 'AUTH.MALFORMED_TOKEN') return;
    if (!this.admit(ip ?? 'unknown')) return;
    void this.commands.execute(new RecordAuthFailureCommand(reason, credential)).catch((error: unknown) =>
      this.logger.error(error instanceof Error ? error : String(error)),
    );
  }

  private admit(source: string): boolean {
    const now = Date.now();
    if (now - this.windowStart >= 60_000) {
      if (this.suppressed > 0) this.logger.warn(`${this.suppressed} failed authentications were not audited (rate limit)`);
      this.windowStart = now;
      this.total = 0;
      this.perSource.clear();
      this.suppressed = 0;
    }
    const fromSource = this.perSource.get(source) ?? 0;
    if (fromSource >= PER_SOURCE_PER_MINUTE || this.total >= TOTAL_PER_MINUTE) {
      this.suppressed += 1;
      return false;
    }
    this.perSource.set(source, fromSource + 1);
    this.total += 1;
    return true;
  }
}
