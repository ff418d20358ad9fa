import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { TokenFamily } from '../../tokens/index.js';
import { RecordAuthFailureCommand } from '../application/commands/record-auth-failure/record-auth-failure.command.js';

const PER_SOURCE_PER_MINUTE = 5;
const TOTAL_PER_MINUTE = 120;

/**
 * Writes failed authentications to the audit log, in a transaction of their own (the failing request has
 * none to share), without slowing the response, and rate-limited per client address and in total so a
 * flood of bad tokens cannot fill the table.
 */
@Injectable()
export class AuthFailureRecorder {
  private readonly logger = new Logger('AuthFailures');
  private windowStart = 0;
  private total = 0;
  private readonly perSource = new Map<string, number>();
  private suppressed = 0;

  constructor(private readonly commands: CommandBus) {}

  record(reason: string, credential: TokenFamily | 'oidc' | 'none', ip: string | null): void {
    const now = Date.now();
    if (now - this.windowStart >= 60_000) {
      if (this.suppressed > 0) this.logger.warn(`${this.suppressed} failed authentications were not audited (rate limit)`);
      this.windowStart = now;
      this.total = 0;
      this.perSource.clear();
      this.suppressed = 0;
    }
    const source = ip ?? 'unknown';
    const fromSource = this.perSource.get(source) ?? 0;
    if (fromSource >= PER_SOURCE_PER_MINUTE || this.total >= TOTAL_PER_MINUTE) {
      this.suppressed += 1;
      return;
    }
    this.perSource.set(source, fromSource + 1);
    this.total += 1;
    void this.commands.execute(new RecordAuthFailureCommand(reason, credential)).catch((error: unknown) =>
      this.logger.error(error instanceof Error ? error : String(error)),
    );
  }
}
