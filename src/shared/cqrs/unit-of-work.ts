import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { DataSource, type EntityManager } from 'typeorm';
import { BlockingEventDispatcher } from './blocking-event-dispatcher.js';
import type { DomainEvent } from './domain-event.js';

interface Scope {
  readonly manager: EntityManager;
  readonly causationId: string | null;
  /** Events raised and not yet given to blocking handlers. */
  readonly pending: DomainEvent[];
  /** Every event of the transaction, published to ordinary handlers after commit. */
  readonly raised: DomainEvent[];
  /** Writes sent without waiting for their answer (see `sendAlong`): each settles to its error or null. */
  readonly sentAlong: Promise<Error | null>[];
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/**
 * The transaction boundary of a command. `run` opens one database transaction; events raised inside it
 * reach blocking handlers in that transaction (so the audit row commits or rolls back with the change),
 * and reach ordinary `@EventsHandler`s only after commit. A rollback drops them. A command run from
 * inside another joins the outer transaction.
 */
@Injectable()
export class UnitOfWork {
  private readonly scopes = new AsyncLocalStorage<Scope>();
  private readonly committedListeners: ((events: readonly DomainEvent[]) => void | Promise<void>)[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly blocking: BlockingEventDispatcher,
    private readonly eventBus: EventBus,
  ) {}

  /** The entity manager of the current transaction. Repositories used by handlers go through it. */
  get manager(): EntityManager {
    const scope = this.scopes.getStore();
    if (!scope) throw new Error('UnitOfWork.manager used outside a unit of work');
    return scope.manager;
  }

  get active(): boolean {
    return this.scopes.getStore() !== undefined;
  }

  /**
   * Called right after a transaction that raised events commits, and awaited before `run` returns (so
   * before the HTTP answer): for caches that must not serve what the commit just changed.
   */
  onCommitted(listener: (events: readonly DomainEvent[]) => void | Promise<void>): void {
    this.committedListeners.push(listener);
  }

  /** Records an event of the current transaction. */
  raise(event: DomainEvent): void {
    const scope = this.scopes.getStore();
    if (!scope) throw new Error('UnitOfWork.raise used outside a unit of work');
    event.metadata.causationId ??= scope.causationId;
    scope.pending.push(event);
    scope.raised.push(event);
  }

  /**
   * A write already queued on the current transaction's connection whose answer the transaction need not
   * wait for before its next statement: with the pool's pipelining it travels with what follows (the
   * COMMIT), saving a round trip while the transaction holds its locks. Should it fail, PostgreSQL has
   * aborted the transaction, the COMMIT rolls back, and `run` throws its error.
   */
  sendAlong(write: Promise<unknown>): void {
    const scope = this.scopes.getStore();
    if (!scope) throw new Error('UnitOfWork.sendAlong used outside a unit of work');
    scope.sentAlong.push(write.then(() => null, asError));
  }

  async run<T>(work: (manager: EntityManager) => Promise<T>, causationId: string | null = null): Promise<T> {
    const outer = this.scopes.getStore();
    if (outer) return work(outer.manager);

    let raised: DomainEvent[] = [];
    const attempt = async (): Promise<T> => {
      raised = [];
      const events = raised;
      const sentAlong: Promise<Error | null>[] = [];
      const value = await this.dataSource.transaction(async (manager) => {
        const scope: Scope = { manager, causationId, pending: [], raised: events, sentAlong };
        return this.scopes.run(scope, async () => {
          const result = await work(manager);
          await this.drainBlocking(scope);
          return result;
        });
      });
      // A COMMIT after a failed statement is a rollback that PostgreSQL answers without an error.
      const failure = (await Promise.all(sentAlong)).find((error) => error !== null);
      if (failure) throw failure;
      return value;
    };
    const result = await retryingConflicts(attempt);
    if (raised.length > 0) {
      await Promise.all(this.committedListeners.map((listener) => listener(raised)));
      this.eventBus.publishAll(raised);
    }
    return result;
  }

  /** Blocking handlers may raise events of their own; deliver until none are left. */
  private async drainBlocking(scope: Scope): Promise<void> {
    for (let event = scope.pending.shift(); event; event = scope.pending.shift()) {
      await this.blocking.dispatch(event, scope.manager);
    }
  }
}

/** PostgreSQL's "try again" answers: the transaction was rolled back whole and may simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/**
 * Runs a transaction again when PostgreSQL chose it as a deadlock victim or a serialization failure: the
 * rollback left nothing behind, and the caller would otherwise get a 500 for a conflict it did not cause.
 */
async function retryingConflicts<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
      if (tries >= ATTEMPTS || !code || !RETRYABLE.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * tries));
    }
  }
}
