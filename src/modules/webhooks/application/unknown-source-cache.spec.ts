import { UnknownSourceCache } from './unknown-source-cache.js';

describe('UnknownSourceCache', () => {
  it('remembers for its TTL, forgets an organization on demand, and stays within its size', () => {
    let now = 0;
    const cache = new UnknownSourceCache(1000, 2, () => now);
    cache.remember('org_a', 'github:1');
    expect(cache.has('org_a', 'github:1')).toBe(true);
    expect(cache.has('org_b', 'github:1')).toBe(false);
    now = 1001;
    expect(cache.has('org_a', 'github:1')).toBe(false);

    cache.remember('org_a', 'k1');
    cache.remember('org_a', 'k2');
    cache.remember('org_b', 'k3');
    expect(cache.size).toBe(2);
    expect(cache.has('org_a', 'k1')).toBe(false); // the oldest went first
    cache.forgetOrg('org_a');
    expect([cache.has('org_a', 'k2'), cache.has('org_b', 'k3')]).toEqual([false, true]);
  });

  it('keeps what was learnt after a registration when the news of it arrives late', () => {
    let now = 100;
    const cache = new UnknownSourceCache(1000, 10, () => now);
    cache.remember('org_a', 'before');
    now = 200;
    cache.remember('org_a', 'after');
    cache.forgetOrg('org_a', 150);
    expect([cache.has('org_a', 'before'), cache.has('org_a', 'after')]).toEqual([false, true]);
  });

  it('remembers nothing with a TTL of 0', () => {
    const cache = new UnknownSourceCache(0);
    cache.remember('org_a', 'k');
    expect(cache.has('org_a', 'k')).toBe(false);
  });
});
