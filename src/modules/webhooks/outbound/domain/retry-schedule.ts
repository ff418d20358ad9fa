export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseMs: number;
  readonly maxDelayMs: number;
}

/**
 * Wait before the attempt that follows failed attempt `failedAttempts` (1-based): exponential backoff
 * with full jitter, a uniform draw in [0, min(maxDelay, base·2^(failedAttempts-1))]. With the defaults
 * (1 min base, 8 h cap, 15 attempts) the windows add up to ~48 h, so retries end about a day after the
 * event on average. Null when no attempt is left.
 */
export function retryDelayMs(policy: RetryPolicy, failedAttempts: number, random: () => number = Math.random): number | null {
  if (failedAttempts >= policy.maxAttempts) return null;
  const window = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** Math.min(failedAttempts - 1, 40));
  return Math.floor(random() * window);
}
