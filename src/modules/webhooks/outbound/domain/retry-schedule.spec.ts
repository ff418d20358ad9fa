import { retryDelayMs } from './retry-schedule.js';

describe('retryDelayMs', () => {
  const policy = { maxAttempts: 15, baseMs: 60_000, maxDelayMs: 8 * 3_600_000 };

  it('doubles the jitter window per failure up to the cap', () => {
    expect(retryDelayMs(policy, 1, () => 0.999_999)).toBe(59_999);
    expect(retryDelayMs(policy, 3, () => 0.5)).toBe(120_000);
    expect(retryDelayMs(policy, 14, () => 0.5)).toBe(4 * 3_600_000);
  });

  it('draws anywhere from zero (full jitter)', () => {
    expect(retryDelayMs(policy, 5, () => 0)).toBe(0);
  });

  it('stops after the last attempt', () => {
    expect(retryDelayMs(policy, 15)).toBeNull();
    expect(retryDelayMs({ ...policy, maxAttempts: 1 }, 1)).toBeNull();
  });

  it('spreads the default schedule over about a day on average', () => {
    let expected = 0;
    for (let failed = 1; failed < policy.maxAttempts; failed += 1) expected += retryDelayMs(policy, failed, () => 0.5)!;
    expect(expected / 3_600_000).toBeGreaterThan(20);
    expect(expected / 3_600_000).toBeLessThan(28);
  });
});
