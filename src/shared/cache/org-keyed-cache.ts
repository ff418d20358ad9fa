interface Entry<V> {
  readonly value: V;
  readonly expiresAt: number;
}

interface Load<V> {
  readonly orgId: string;
  readonly value: Promise<V>;
  /** Its organization was forgotten while it ran: what it read may predate the change. */
  stale: boolean;
}

/**
 * Values per (organization, key), loaded on demand and kept until their organization is forgotten or their
 * TTL runs out. Forgetting is per organization and O(1) in the entries, because a change (a registration, a
 * connection ending) is known per organization and may come thousands at a time. Correctness first:
 * - a load under way when its organization is forgotten is handed to its callers but not stored (it may
 *   predate the change), and later callers do not join it;
 * - concurrent misses of one key share one load;
 * - bounded: past `maxEntries` the whole cache starts over (cheaper than tracking age, and it only costs reloads).
 */
export class OrgKeyedCache<V> {
  private readonly orgs = new Map<string, Map<string, Entry<V>>>();
  private readonly loading = new Map<string, Load<V>>();
  private entries = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached value, else `load()`'s (stored only if `keep` says so). */
  get(orgId: string, key: string, load: () => Promise<V>, keep: (value: V) => boolean = () => true): Promise<V> {
    const entry = this.orgs.get(orgId)?.get(key);
    if (entry && entry.expiresAt > this.now()) return Promise.resolve(entry.value);
    const loadKey = `${orgId} ${key}`;
    const pending = this.loading.get(loadKey);
    if (pending) return pending.value;
    const settled = (): void => {
      if (this.loading.get(loadKey) === running) this.loading.delete(loadKey);
    };
    const running: Load<V> = {
      orgId,
      stale: false,
      value: load().then(
        (value) => {
          settled();
          if (running.stale) return value;
          if (keep(value)) this.store(orgId, key, value);
          else this.delete(orgId, key);
          return value;
        },
        (error: unknown) => {
          settled();
          throw error;
        },
      ),
    };
    this.loading.set(loadKey, running);
    return running.value;
  }

  /** Everything known about the organization may be out of date: read it afresh next time. */
  forgetOrg(orgId: string): void {
    for (const [loadKey, running] of this.loading) {
      if (running.orgId !== orgId) continue;
      running.stale = true;
      this.loading.delete(loadKey);
    }
    const keys = this.orgs.get(orgId);
    if (!keys) return;
    this.entries -= keys.size;
    this.orgs.delete(orgId);
  }

  /** Everything may be out of date (news of changes was lost): read it all afresh. */
  forgetAll(): void {
    for (const running of this.loading.values()) running.stale = true;
    this.loading.clear();
    this.clear();
  }

  get size(): number {
    return this.entries;
  }

  private store(orgId: string, key: string, value: V): void {
    if (this.entries >= this.maxEntries && !this.orgs.get(orgId)?.has(key)) this.clear();
    let keys = this.orgs.get(orgId);
    if (!keys) {
      keys = new Map();
      this.orgs.set(orgId, keys);
    }
    if (!keys.has(key)) this.entries++;
    keys.set(key, { value, expiresAt: this.now() + this.ttlMs });
  }

  private delete(orgId: string, key: string): void {
    const keys = this.orgs.get(orgId);
    if (!keys?.delete(key)) return;
    this.entries--;
    if (keys.size === 0) this.orgs.delete(orgId);
  }

  private clear(): void {
    this.orgs.clear();
    this.entries = 0;
  }
}
