import { jest } from '@jest/globals';
import type { PgNotifications } from '../../../../../shared/database/pg-notifications.js';
import type { RunFilter, RunPage } from './list-runs.query.js';
import { RunListCache } from './run-list-cache.js';

const filter = (orgId: string, page = 1): RunFilter => ({ orgId, repoPatterns: ['*'], page, pageSize: 20 });
const pageOf = (total: number): RunPage => ({ runs: [], total, page: 1, pageSize: 20, hasMore: false });

describe('RunListCache', () => {
  let cache: RunListCache;
  let changed: (payload: string) => void;

  beforeEach(async () => {
    const notifications = {
      listen: jest.fn(async (_channel: string, handler: (payload: string) => void) => {
        changed = handler;
      }),
      onResubscribed: jest.fn(),
    };
    cache = new RunListCache(notifications as unknown as PgNotifications);
    await cache.onApplicationBootstrap();
  });

  it('serves a page again until its organization changes, and only that organization', async () => {
    const load = jest.fn(async () => pageOf(1));
    await cache.page(filter('org_a'), load);
    await cache.page(filter('org_a'), load);
    await cache.page(filter('org_b'), load);
    expect(load).toHaveBeenCalledTimes(2);
    changed('org_b');
    await cache.page(filter('org_a'), load);
    await cache.page(filter('org_b'), load);
    expect(load).toHaveBeenCalledTimes(3);
    changed('*');
    await cache.page(filter('org_a'), load);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('does not keep a page whose query was running when a change arrived', async () => {
    let finish!: (page: RunPage) => void;
    const slow = cache.page(filter('org_a'), () => new Promise<RunPage>((resolve) => (finish = resolve)));
    changed('org_a');
    finish(pageOf(1));
    expect((await slow).total).toBe(1);
    expect((await cache.page(filter('org_a'), async () => pageOf(2))).total).toBe(2);
  });

  it('tells pages of different filters apart', async () => {
    await cache.page(filter('org_a', 1), async () => pageOf(1));
    expect((await cache.page(filter('org_a', 2), async () => pageOf(2))).total).toBe(2);
    expect((await cache.page({ ...filter('org_a', 1), repoPatterns: ['acme/*'] }, async () => pageOf(3))).total).toBe(3);
  });

  it('expires a page after its lifetime even without a notification', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    try {
      await cache.page(filter('org_a'), async () => pageOf(1));
      jest.setSystemTime(1_000_000 + 5_001);
      expect((await cache.page(filter('org_a'), async () => pageOf(2))).total).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });
});
