import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { OrgKeyedCache } from '../../../../../shared/cache/org-keyed-cache.js';
import { PgNotifications } from '../../../../../shared/database/pg-notifications.js';
import { sentOften } from '../../../../../shared/http/memoized-json.js';
import type { RunFilter, RunPage } from './list-runs.query.js';

/** Raised by the database triggers of migration 1795890200000 at commit: an org id, or '*' for every org. */
export const RUN_LIST_CHANGED_CHANNEL = 'kici_run_list_changed';
/** Longest a page lives even if a notification were lost (the listening connection was down). */
export const RUN_LIST_CACHE_TTL_MS = 5_000;
const MAX_PAGES = 2_000;

/**
 * Recent run-list pages per organization, so a dashboard polling its runs does not cost a count and a
 * joined page query each time. A page is dropped the moment any replica commits a change to that
 * organization's runs, jobs or sources (a database trigger notifies every replica), and a page whose query
 * was still running when such a change arrived is not kept — so a cached page is never older than the
 * last change this replica heard of, and never older than the TTL should a notification be lost.
 */
@Injectable()
export class RunListCache implements OnApplicationBootstrap {
  // `now` read through Date.now at each call, not captured, so tests can move the clock.
  private readonly pages = new OrgKeyedCache<RunPage>(RUN_LIST_CACHE_TTL_MS, MAX_PAGES, () => Date.now());

  constructor(private readonly notifications: PgNotifications) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications.listen(RUN_LIST_CHANGED_CHANNEL, (orgId) => (orgId === '*' ? this.pages.forgetAll() : this.pages.forgetOrg(orgId)));
    this.notifications.onResubscribed(() => this.pages.forgetAll());
  }

  /** The page for `filter`, from memory when still current, else from `load`. Pages are shared by requests: frozen, and serialised once. */
  page(filter: RunFilter, load: () => Promise<RunPage>): Promise<RunPage> {
    return this.pages.get(filter.orgId, keyOf(filter), async () => sentOften(Object.freeze(await load())));
  }
}

/** Every member of the filter, in a fixed order: two requests share a page only when they ask the same thing. */
function keyOf(filter: RunFilter): string {
  return JSON.stringify([
    filter.status,
    filter.workflow,
    filter.branch,
    filter.repository,
    filter.triggerType,
    filter.source,
    filter.since?.toISOString(),
    filter.sort,
    filter.dir,
    filter.runId,
    filter.repoPatterns,
    filter.page,
    filter.pageSize,
  ]);
}
