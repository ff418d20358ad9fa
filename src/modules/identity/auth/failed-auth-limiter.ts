import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';

const WINDOW_MS = 60_000;
/** Bounds the memory a flood of spoofed or rotating addresses can take; a reset only forgives. */
const MAX_TRACKED_ADDRESSES = 50_000;

/**
 * Counts refused bearer tokens per client address, in fixed one-minute windows. Past
 * `KICI_AUTH_FAILURES_PER_MINUTE` an address is refused (429) before its token is looked at, so guessing
 * tokens or replaying a stolen, revoked one costs the guesser a minute per handful of tries and the
 * database nothing. Requests without credentials do not count: they guess nothing.
 */
@Injectable()
export class FailedAuthLimiter {
  private readonly failures = new Map<string, { count: number; since: number }>();
  private readonly limit: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limit = config.http.authFailuresPerMinute;
  }

  /** Seconds until the address may try again, or null when it may try now. */
  retryAfterSeconds(address: string | null, now = Date.now()): number | null {
    if (this.limit === 0) return null;
    const entry = this.failures.get(address ?? 'unknown');
    if (!entry || now - entry.since >= WINDOW_MS || entry.count < this.limit) return null;
    return Math.max(1, Math.ceil((entry.since + WINDOW_MS - now) / 1000));
  }

  recordFailure(address: string | null, now = Date.now()): void {
    if (this.limit === 0) return;
    const key = address ?? 'unknown';
    const entry = this.failures.get(key);
    if (!entry || now - entry.since >= WINDOW_MS) {
      if (this.failures.size >= MAX_TRACKED_ADDRESSES) this.failures.clear();
      this.failures.set(key, { count: 1, since: now });
    } else {
      entry.count += 1;
    }
  }
}
