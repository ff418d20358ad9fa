import { OrgKeyedCache } from './org-keyed-cache.js';

describe('OrgKeyedCache', () => {
  it('loads once, serves from memory until the TTL, then loads again', async () => {
    let now = 0;
    let loads = 0;
    const cache = new OrgKeyedCache<number>(1000, 100, () => now);
    const load = async (): Promise<number> => ++loads;
    expect(await cache.get('org_a', 'k', load)).toBe(1);
    expect(await cache.get('org_a', 'k', load)).toBe(1);
    now = 1001;
    expect(await cache.get('org_a', 'k', load)).toBe(2);
  });

  it('shares one load among concurrent misses of a key', async () => {
    let loads = 0;
    const cache = new OrgKeyedCache<number>(1000);
    const load = async (): Promise<number> => ++loads;
    expect(await Promise.all([cache.get('org_a', 'k', load), cache.get('org_a', 'k', load), cache.get('org_a', 'other', load)])).toEqual([1, 1, 2]);
  });

  it('forgets one organization, and never stores a load of it that started before the forgetting', async () => {
    let value = 'old';
    const cache = new OrgKeyedCache<string>(60_000);
    await cache.get('org_a', 'k', async () => value);
    await cache.get('org_b', 'k', async () => value);
    const slowLoad = (): { finish: () => void; load: () => Promise<string> } => {
      let finish: () => void = () => undefined;
      return { finish: () => finish(), load: () => new Promise<string>((resolve) => (finish = () => resolve('read before the change'))) };
    };
    const ofA = slowLoad();
    const ofB = slowLoad();
    const slowA = cache.get('org_a', 'slow', ofA.load);
    const slowB = cache.get('org_b', 'slow', ofB.load);
    value = 'new';
    cache.forgetOrg('org_a');
    const afterwards = cache.get('org_a', 'slow', async () => value); // does not join the stale load
    ofA.finish();
    ofB.finish();
    expect([await slowA, await slowB, await afterwards]).toEqual(['read before the change', 'read before the change', 'new']);
    expect(await cache.get('org_a', 'k', async () => value)).toBe('new');
    expect(await cache.get('org_b', 'k', async () => value)).toBe('old');
    expect(await cache.get('org_a', 'slow', async () => 'not loaded again')).toBe('new');
    expect(await cache.get('org_b', 'slow', async () => 'not loaded again')).toBe('read before the change'); // another organization's load stands
  });

  it('forgets everything at once', async () => {
    let loads = 0;
    const cache = new OrgKeyedCache<number>(60_000);
    const load = async (): Promise<number> => ++loads;
    await cache.get('org_a', 'k', load);
    await cache.get('org_b', 'k', load);
    cache.forgetAll();
    expect(cache.size).toBe(0);
    expect([await cache.get('org_a', 'k', load), await cache.get('org_b', 'k', load)]).toEqual([3, 4]);
  });

  it('does not keep what `keep` refuses, nor a failed load', async () => {
    const cache = new OrgKeyedCache<number>(60_000);
    let loads = 0;
    const load = async (): Promise<number> => ++loads;
    await cache.get('org_a', 'k', load, () => false);
    expect(await cache.get('org_a', 'k', load)).toBe(2);
    await expect(cache.get('org_a', 'broken', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('org_a', 'broken', load)).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('starts over when full instead of growing', async () => {
    const cache = new OrgKeyedCache<number>(60_000, 2);
    for (const key of ['a', 'b', 'c']) await cache.get('org_a', key, async () => 1);
    expect(cache.size).toBe(1);
  });
});
