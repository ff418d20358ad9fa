import { Injectable } from '@nestjs/common';

const WINDOW_MS = 60_000;
const MAX_FAILURES = 5;

/**
 * Counts failed orchestrator authentications per client address. A revoked key reconnects forever (about
 * once a minute per orchestrator); past 5 failures a minute an address is refused before any lookup.
 */
@Injectable()
export class FailedAuthThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  blocked(address: string | null): boolean {
    const entry = this.failures.get(address ?? 'unknown');
    return entry !== undefined && Date.now() - entry.since < WINDOW_MS && entry.count >= MAX_FAILURES;
  }

  recordFailure(address: string | null): void {
    const key = address ?? 'unknown';
    const now = Date.now();
    const entry = this.failures.get(key);
    if (!entry || now - entry.since >= WINDOW_MS) this.failures.set(key, { count: 1, since: now });
    else entry.count += 1;
    if (this.failures.size > 50_000) this.failures.clear();
  }
}
