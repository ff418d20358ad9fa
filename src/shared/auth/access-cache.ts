import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isAuditable } from '../cqrs/auditable.js';
import { type BlockingEventHandler, BlockingEventsHandler } from '../cqrs/blocking-event-handler.js';
import type { DomainEvent } from '../cqrs/domain-event.js';
import { UnitOfWork } from '../cqrs/unit-of-work.js';
import { PgNotifications } from '../database/pg-notifications.js';
import { sendWithCommit } from '../database/send-with-commit.js';
import { uuidv7 } from '../ids/uuid-v7.js';

const CHANNEL = 'kici_access_changed';
/** Longest an entry lives even if a notification were missed (the listening connection was down). */
export const ACCESS_CACHE_TTL_MS = 15_000;
const MAX_ENTRIES = 20_000;
/** How long a change's answer waits for its own notification to come back (then every replica has it too). */
const ECHO_WAIT_MS = 250;

/** Committed changes that can change who a credential is or what it may do. */
const ACCESS_ACTIONS = /^(pat|api_key|service_account|orchestrator_key|member|role|org|invite|user|support)\./;
const ENTRY_CHANNEL = 'kici_access_entry_changed';
const NOTIFY = 'SELECT pg_notify($1, $2)';

/** For an action that changes one cached entry and nothing else: the key of that entry. */
export type EntryKeyOf = (event: DomainEvent) => string;
export type EntryActions = ReadonlyMap<string, EntryKeyOf>;

/** What a load saw when it started: the cache's generation and how often its key had been forgotten. */
interface LoadStamp {
  readonly generation: number;
  readonly forgotten: number;
}

/**
 * A value the cache keeps, for a holder that reuses it without looking it up again (a connection's
 * credential, `ConnectionCredentialMemo`; a caller's organization, `OrgAccessService`): it must ask
 * `isLive` before each reuse.
 */
export interface KeptEntry<T> {
  readonly value: T;
  /** False once the entry expired, or was forgotten, replaced, evicted or cleared away. */
  isLive(now: number): boolean;
}

class Entry implements KeptEntry<unknown> {
  /** Cleared when the entry leaves the map, so whoever still holds it sees it is gone. */
  private kept = true;

  constructor(
    readonly value: unknown,
    readonly failure: boolean,
    readonly expiresAt: number,
  ) {}

  isLive(now: number): boolean {
    return this.kept && this.expiresAt > now;
  }

  drop(): void {
    this.kept = false;
  }
}

/** How long a loaded value may be kept (at most the cache's TTL), and which failures are kept too. */
export interface RememberOptions<T> {
  readonly until?: (value: T) => number;
  readonly rememberFailure?: (error: unknown) => boolean;
}

/**
 * Credential and permission lookups kept for a few seconds, so an authenticated request does not pay
 * several database round trips. Correctness comes first:
 * - a change to tokens, keys, members, roles or organizations notifies every replica from inside its
 *   transaction (delivered at commit), and its request is answered only once this replica has emptied its
 *   cache and heard its own notification back — by then the others have received it as well;
 * - a lookup that started before such a change is not stored (the generation moved on);
 * - the TTL bounds staleness should a notification ever be lost (the listening connection was down).
 */
@Injectable()
@BlockingEventsHandler({ all: true })
export class AccessCache implements BlockingEventHandler, OnApplicationBootstrap {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, LoadStamp & { readonly value: Promise<unknown> }>();
  private readonly announced = new WeakMap<DomainEvent, string>();
  private readonly changedEntries = new WeakMap<DomainEvent, string>();
  private readonly entryActions = new Map<string, EntryKeyOf>();
  private readonly echoes = new Map<string, () => void>();
  /** Notifications heard before anyone waited for them (the echo can beat the commit's continuation). */
  private readonly heard = new Set<string>();
  private generation = 0;
  /**
   * Per key, how often it was forgotten alone (`forget`) since the cache last emptied. A load is stored only
   * if neither this nor `generation` moved while it ran: forgetting one entry must not also throw away the
   * loads of every other key under way, or a steady stream of renames keeps the whole cache from filling.
   */
  private readonly forgotten = new Map<string, number>();

  constructor(
    private readonly notifications: PgNotifications,
    private readonly unitOfWork: UnitOfWork,
  ) {
    unitOfWork.onCommitted((events) => this.committed(events));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications.listen(CHANNEL, (payload) => {
      this.clear();
      const waiter = this.echoes.get(payload);
      if (waiter) return waiter();
      this.heard.add(payload);
      if (this.heard.size > 1000) this.heard.delete(this.heard.values().next().value!);
    });
    await this.notifications.listen(ENTRY_CHANNEL, (key) => this.forget(key));
  }

  /**
   * Declares that a committed `action` (under one of the prefixes above) changes no credential, user,
   * membership or permission, only the entry `keyOf` names: that entry alone is forgotten, here at commit
   * and on the other replicas when the notification sent with the commit reaches them — instead of every
   * replica's cache emptying and the answer waiting for the echo. The module that caches the entry says so.
   */
  forgetOnly(action: string, keyOf: EntryKeyOf): void {
    this.entryActions.set(action, keyOf);
  }

  /**
   * Inside the change's transaction: the notification goes out exactly when (and only if) it commits. It is
   * sent along with the COMMIT, not answered before it, so it costs the transaction no round trip.
   */
  handle(event: DomainEvent, manager: EntityManager): Promise<void> {
    const entry = changedEntry(event, this.entryActions);
    if (entry !== null) {
      // Forgotten here at commit (see committed); the other replicas when they hear this.
      this.changedEntries.set(event, entry);
      this.unitOfWork.sendAlong(sendWithCommit(manager, NOTIFY, [ENTRY_CHANNEL, entry]));
    } else if (changesAccess(event, this.entryActions)) {
      const payload = uuidv7();
      this.announced.set(event, payload);
      this.unitOfWork.sendAlong(sendWithCommit(manager, NOTIFY, [CHANNEL, payload]));
    }
    return Promise.resolve();
  }

  /** The live entry of `key` holding a value (not a remembered failure), for a holder to reuse while it lives. */
  keptEntry<T>(key: string): KeptEntry<T> | undefined {
    const hit = this.liveEntry(key);
    return hit && !hit.failure ? (hit as KeptEntry<T>) : undefined;
  }

  /**
   * The value for `key`, loaded with `load` when absent or stale. A load that throws is remembered too when
   * `rememberFailure` says so (a foreign organization stays foreign until something changes). Callers
   * that miss while a load of the key (started since the last change) is running share it: when an entry
   * expires under load, hundreds of requests would otherwise each read the same row.
   */
  async remember<T>(key: string, load: () => Promise<T>, options: RememberOptions<T> = {}): Promise<T> {
    return this.rememberNow(key, load, options);
  }

  /**
   * `remember`, answering a live entry synchronously (a remembered failure is thrown at once): the hot
   * path of every authenticated request is a cache hit, and each promise it awaited cost it a microtask
   * turn and an allocation for nothing.
   */
  rememberNow<T>(key: string, load: () => Promise<T>, options: RememberOptions<T> = {}): T | Promise<T> {
    const hit = this.liveEntry(key);
    if (hit) {
      if (hit.failure) throw hit.value;
      return hit.value as T;
    }
    return this.loadShared(key, load, options);
  }

  private liveEntry(key: string): Entry | undefined {
    const hit = this.entries.get(key);
    return hit && hit.expiresAt > Date.now() ? hit : undefined;
  }

  private async loadShared<T>(key: string, load: () => Promise<T>, options: RememberOptions<T>): Promise<T> {
    const running = this.loading.get(key);
    if (running && this.unchangedSince(key, running)) return running.value as Promise<T>;
    const loading = { ...this.stampOf(key), value: this.load(key, load, options) };
    this.loading.set(key, loading);
    try {
      return await loading.value;
    } finally {
      if (this.loading.get(key) === loading) this.loading.delete(key);
    }
  }

  private async load<T>(key: string, load: () => Promise<T>, options: RememberOptions<T>): Promise<T> {
    const now = Date.now();
    const stamp = this.stampOf(key);
    try {
      const value = await load();
      if (this.unchangedSince(key, stamp)) this.store(key, new Entry(value, false, Math.min(now + ACCESS_CACHE_TTL_MS, options.until?.(value) ?? Infinity)));
      return value;
    } catch (error) {
      if (this.unchangedSince(key, stamp) && options.rememberFailure?.(error)) this.store(key, new Entry(error, true, now + ACCESS_CACHE_TTL_MS));
      throw error;
    }
  }

  clear(): void {
    this.generation += 1;
    for (const entry of this.entries.values()) entry.drop();
    this.entries.clear();
    this.forgotten.clear();
  }

  /** Drops one entry; loads of it under way are not stored (one of them may have read the old row). */
  forget(key: string): void {
    // Emptying all is always safe; it keeps the per-key counts bounded.
    if (this.forgotten.size >= MAX_ENTRIES) return this.clear();
    this.forgotten.set(key, (this.forgotten.get(key) ?? 0) + 1);
    this.remove(key);
  }

  private stampOf(key: string): LoadStamp {
    return { generation: this.generation, forgotten: this.forgotten.get(key) ?? 0 };
  }

  /** Nothing that concerns `key` changed since `stamp` was taken. */
  private unchangedSince(key: string, stamp: LoadStamp): boolean {
    return stamp.generation === this.generation && stamp.forgotten === (this.forgotten.get(key) ?? 0);
  }

  private async committed(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      const entry = this.changedEntries.get(event);
      if (entry === undefined) continue;
      this.forget(entry);
    }
    const payloads = events.map((event) => this.announced.get(event)).filter((payload): payload is string => payload !== undefined);
    if (payloads.length === 0) return;
    this.clear();
    await Promise.all(payloads.map((payload) => this.echo(payload)));
  }

  private echo(payload: string): Promise<void> {
    if (this.heard.delete(payload)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.echoes.delete(payload);
        resolve();
      };
      const timer = setTimeout(done, ECHO_WAIT_MS);
      this.echoes.set(payload, done);
    });
  }

  private store(key: string, entry: Entry): void {
    this.remove(key);
    this.entries.set(key, entry);
    if (this.entries.size > MAX_ENTRIES) this.remove(this.entries.keys().next().value!);
  }

  private remove(key: string): void {
    this.entries.get(key)?.drop();
    this.entries.delete(key);
  }
}

/** Whether a committed event can change a cached credential, user or organization access (then the caches empty). */
export function changesAccess(event: DomainEvent, entryActions: EntryActions = new Map()): boolean {
  if (!isAuditable(event)) return false;
  const { action } = event.toAuditRecord();
  return ACCESS_ACTIONS.test(action) && !entryActions.has(action);
}

/** The one cached entry a committed event changes, when that is all it changes. */
export function changedEntry(event: DomainEvent, entryActions: EntryActions): string | null {
  if (!isAuditable(event)) return null;
  const keyOf = entryActions.get(event.toAuditRecord().action);
  return keyOf ? keyOf(event) : null;
}
