import type { AppConfig } from '../../../config/app-config.js';
import { FailedAuthLimiter } from './failed-auth-limiter.js';

const limiter = (perMinute: number): FailedAuthLimiter => new FailedAuthLimiter({ http: { authFailuresPerMinute: perMinute } } as AppConfig);

describe('FailedAuthLimiter', () => {
  it('lets an address fail up to the limit, then refuses it until its minute is over', () => {
    const limits = limiter(3);
    for (let i = 0; i < 3; i++) {
      expect(limits.retryAfterSeconds('10.0.0.1', 1_000)).toBeNull();
      limits.recordFailure('10.0.0.1', 1_000);
    }
    expect(limits.retryAfterSeconds('10.0.0.1', 1_000)).toBe(60);
    expect(limits.retryAfterSeconds('10.0.0.1', 50_500)).toBe(11);
    expect(limits.retryAfterSeconds('10.0.0.2', 1_000)).toBeNull();
    expect(limits.retryAfterSeconds('10.0.0.1', 61_000)).toBeNull();
  });

  it('never refuses when the limit is 0', () => {
    const limits = limiter(0);
    for (let i = 0; i < 100; i++) limits.recordFailure('10.0.0.1');
    expect(limits.retryAfterSeconds('10.0.0.1')).toBeNull();
  });
});
