import { sinceSchema } from './since-query.js';

describe('sinceSchema', () => {
  it('turns look-backs into dates before now, and one longer than the epoch into the epoch (never an invalid date)', () => {
    const day = sinceSchema.parse('1d');
    expect(Math.abs(Date.now() - 86_400_000 - day.getTime())).toBeLessThan(5_000);
    expect(sinceSchema.parse('99999w').getTime()).toBe(0);
    expect(sinceSchema.parse('2026-11-01T00:00:00Z').toISOString()).toBe('2026-11-01T00:00:00.000Z');
  });
});
