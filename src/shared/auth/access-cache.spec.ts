import type { AuditRecord } from '../cqrs/auditable.js';
import { DomainEvent } from '../cqrs/domain-event.js';
import type { PgNotifications } from '../database/pg-notifications.js';
import type { UnitOfWork } from '../cqrs/unit-of-work.js';
import { AccessCache, changedEntry, changesAccess, type EntryActions } from './access-cache.js';

const cache = (): AccessCache =>
  new AccessCache({ listen: async () => undefined } as unknown as PgNotifications, { onCommitted: () => undefined } as unknown as UnitOfWork);

/** A load the test finishes by hand. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('AccessCache.remember', () => {
  it('shares one load among callers that miss while it runs, and keeps its value', async () => {
    const access = cache();
    const row = deferred<string>();
    let loads = 0;
    const load = (): Promise<string> => {
      loads += 1;
      return row.promise;
    };
    const callers = Array.from({ length: 50 }, () => access.remember('pat:x', load));
    row.resolve('row');
    expect(await Promise.all(callers)).toEqual(Array(50).fill('row'));
    expect(await access.remember('pat:x', load)).toBe('row');
    expect(loads).toBe(1);
  });

  it('does not hand a load started before a change to callers after it', async () => {
    const access = cache();
    const before = deferred<string>();
    const first = access.remember('pat:x', () => before.promise);
    access.clear();
    const second = access.remember('pat:x', async () => 'after');
    before.resolve('before');
    expect(await first).toBe('before');
    expect(await second).toBe('after');
    // Nor is the older value kept.
    expect(await access.remember('pat:x', async () => 'reloaded')).toBe('after');
  });

  it('forgetting one entry drops the loads of that key under way, and no other', async () => {
    const access = cache();
    const summary = deferred<string>();
    const member = deferred<string>();
    const summaryLoad = access.remember('org-summary:o', () => summary.promise);
    const memberLoad = access.remember('member:o:u', () => member.promise);
    access.forget('org-summary:o');
    // A caller after the forget does not share the load that may have read the old row.
    const summaryAfter = access.remember('org-summary:o', async () => 'renamed');
    summary.resolve('old name');
    member.resolve('member row');
    expect(await summaryLoad).toBe('old name');
    expect(await summaryAfter).toBe('renamed');
    expect(await memberLoad).toBe('member row');
    // The member entry was stored despite the other key's forget; the old summary was not.
    expect(access.keptEntry('member:o:u')?.value).toBe('member row');
    expect(await access.remember('org-summary:o', async () => 'reloaded')).toBe('renamed');
  });

  it('empties whole after forgetting too many distinct keys, so the counts stay bounded', async () => {
    const access = cache();
    await access.remember('member:o:u', async () => 'member row');
    for (let index = 0; index < 20_000; index++) access.forget(`org-summary:${index}`);
    expect(access.keptEntry('member:o:u')?.value).toBe('member row');
    access.forget('org-summary:one-more');
    expect(access.keptEntry('member:o:u')?.value).toBeUndefined();
  });
});

describe('AccessCache.keptEntry', () => {
  const now = (): number => Date.now();

  it('hands out a kept value that stays live until something drops it', async () => {
    const access = cache();
    await access.remember('bearer:a', async () => 'principal');
    const kept = access.keptEntry<string>('bearer:a');
    expect(kept?.value).toBe('principal');
    expect(kept?.isLive(now())).toBe(true);
    expect(access.keptEntry('bearer:missing')).toBeUndefined();
  });

  it('is no longer live once its key is forgotten', async () => {
    const access = cache();
    await access.remember('bearer:a', async () => 'principal');
    const kept = access.keptEntry<string>('bearer:a')!;
    access.forget('bearer:a');
    expect(kept.isLive(now())).toBe(false);
  });

  it('is no longer live once the cache empties (a change to access anywhere)', async () => {
    const access = cache();
    await access.remember('bearer:a', async () => 'principal');
    const kept = access.keptEntry<string>('bearer:a')!;
    access.clear();
    expect(kept.isLive(now())).toBe(false);
  });

  it('is no longer live once replaced by a newer load of its key', async () => {
    const access = cache();
    const loadedAt = now();
    await access.remember('bearer:a', async () => 'first', { until: () => loadedAt + 200 });
    const kept = access.keptEntry<string>('bearer:a')!;
    await new Promise((resolve) => setTimeout(resolve, 250));
    await access.remember('bearer:a', async () => 'second');
    // Asked about a moment inside its lifetime, so that only the replacement can make it dead.
    expect(kept.isLive(loadedAt)).toBe(false);
    expect(access.keptEntry<string>('bearer:a')?.value).toBe('second');
  });

  it('is no longer live past its expiry, nor once evicted by newer entries', async () => {
    const access = cache();
    await access.remember('bearer:a', async () => 'principal', { until: () => Date.now() + 60_000 });
    const kept = access.keptEntry<string>('bearer:a')!;
    expect(kept.isLive(now() + 59_000)).toBe(false); // the cache's own 15 s bound comes first
    expect(kept.isLive(now())).toBe(true);
    for (let index = 0; index < 20_000; index++) await access.remember(`bearer:${index}`, async () => 'other');
    expect(kept.isLive(now())).toBe(false);
  });

  it('never hands out a remembered failure', async () => {
    const access = cache();
    await expect(access.remember('member:o:u', async () => Promise.reject(new Error('not a member')), { rememberFailure: () => true })).rejects.toThrow();
    expect(access.keptEntry('member:o:u')).toBeUndefined();
  });
});

class Audited extends DomainEvent {
  constructor(readonly eventName: string) {
    super({ actor: { type: 'user', id: 'u1', display: null }, orgId: 'org_aaaaaaaaaaaa' });
  }

  toAuditRecord(): AuditRecord {
    return { action: this.eventName, targetType: 'org', targetId: 'org_aaaaaaaaaaaa', payload: {} };
  }
}

/** What the Orgs module declares: a rename changes only the organization's cached summary. */
const orgSummaryKey = (orgId: string): string => `org-summary:${orgId}`;
const entryActions: EntryActions = new Map([['org.rename', (event) => orgSummaryKey(event.metadata.orgId ?? '')]]);

describe('changesAccess', () => {
  it.each(['org.disable', 'org.create', 'member.removed', 'role.update', 'pat.revoke', 'api_key.create', 'user.create', 'support.grant'])('empties the caches after %s', (action) => {
    expect(changesAccess(new Audited(action), entryActions)).toBe(true);
  });

  it.each(['org.rename', 'webhook_endpoint.create', 'run.cancel', 'secret.set'])('leaves them after %s, which changes nothing they hold', (action) => {
    expect(changesAccess(new Audited(action), entryActions)).toBe(false);
  });
});

describe('changedEntry', () => {
  it("names the organization's cached summary after a rename, and nothing after other changes", () => {
    expect(changedEntry(new Audited('org.rename'), entryActions)).toBe(orgSummaryKey('org_aaaaaaaaaaaa'));
    expect(changedEntry(new Audited('org.disable'), entryActions)).toBeNull();
    expect(changedEntry(new Audited('run.cancel'), entryActions)).toBeNull();
  });
});
