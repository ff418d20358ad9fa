import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { PgNotifications } from '../../../../../shared/database/pg-notifications.js';
import { sentOften } from '../../../../../shared/http/memoized-json.js';
import type { RunFilter, RunPage } from './list-runs.query.js';

/** Raised by the database triggers of migration 1795890200000 at commit: an org id, or '*' for every org. */
export const RUN_LIST_CHANGED_CHANNEL = 'kici_run_list_changed';
/** Longest a page lives even if a notification were lost (the listening connection was down). */
export const RUN_LIST_CACHE_TTL_MS = 5_000;
const MAX_PAGES = 2_000;

interface CachedPage {
  readonly page: RunPage;
  readonly expiresAt: number;
}

/**
 * Recent run-list pages per organization, so a dashboard polling its runs does not cost a count and a
 * joined page query each time. A page is dropped the moment any replica commits a change to that
 * organization's runs, jobs or sources (a database trigger notifies every replica), and a page whose query
 * was still running when such a change arrived is not kept — so a cached page is never older than the
 * last change this replica heard of, and never older than the TTL should a notification be lost.
 */
@Injectable()
export class RunListCache implements OnApplicationBootstrap {
  private readonly pagesByOrg = new Map<string, Map<string, CachedPage>>();
  private readonly generationByOrg = new Map<string, number>();
  private globalGeneration = 0;
  private size = 0;

  constructor(private readonly notifications: PgNotifications) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications.listen(RUN_LIST_CHANGED_CHANNEL, (orgId) => (orgId === '*' ? this.forgetAll() : this.forgetOrg(orgId)));
    this.notifications.onResubscribed(() => this.forgetAll());
  }

  /** The page for `filter`, from memory when still current, else from `load` (and kept if nothing changed meanwhile). */
  async page(filter: RunFilter, load: () => Promise<RunPage>): Promise<RunPage> {
    const key = keyOf(filter);
    const now = Date.now();
    const cached = this.pagesByOrg.get(filter.orgId)?.get(key);
    if (cached && cached.expiresAt > now) return cached.page;
    const generation = this.generationOf(filter.orgId);
    const page = await load();
    if (generation !== this.generationOf(filter.orgId)) return page;
    // Kept pages are shared by requests: frozen, and serialised once.
    const kept = sentOften(Object.freeze(page));
    this.keep(filter.orgId, key, { page: kept, expiresAt: now + RUN_LIST_CACHE_TTL_MS });
    return kept;
  }

  forgetOrg(orgId: string): void {
    this.generationByOrg.set(orgId, (this.generationByOrg.get(orgId) ?? 0) + 1);
    this.size -= this.pagesByOrg.get(orgId)?.size ?? 0;
    this.pagesByOrg.delete(orgId);
  }

  forgetAll(): void {
    this.globalGeneration += 1;
    this.pagesByOrg.clear();
    this.size = 0;
  }

  private generationOf(orgId: string): string {
    return `${this.globalGeneration}.${this.generationByOrg.get(orgId) ?? 0}`;
  }

  private keep(orgId: string, key: string, entry: CachedPage): void {
    if (this.size >= MAX_PAGES) this.forgetAll();
    let pages = this.pagesByOrg.get(orgId);
    if (!pages) this.pagesByOrg.set(orgId, (pages = new Map()));
    if (!pages.has(key)) this.size += 1;
    pages.set(key, entry);
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
