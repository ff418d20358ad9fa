import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from './domain-event.js';

/**
 * A handler that runs inside the transaction of the command that raised the event, before it commits.
 * If it throws, the whole command rolls back. Use it only for effects that must be atomic with the
 * change (the audit row, read-model rows); everything else belongs in an ordinary `@EventsHandler`,
 * which runs after commit.
 */
export interface BlockingEventHandler<E extends DomainEvent = DomainEvent> {
  handle(event: E, manager: EntityManager): Promise<void>;
}

export const BLOCKING_EVENTS_METADATA = Symbol('kici:blocking-events');

/** Which events a blocking handler takes: a list of event classes, or every event. */
export type BlockingSubscription = { readonly all: true } | { readonly events: readonly Type<DomainEvent>[] };

/** Marks a provider as a blocking handler of the given events (or of all events with `{ all: true }`). */
export function BlockingEventsHandler(...subscription: [{ all: true }] | Type<DomainEvent>[]): ClassDecorator {
  const value: BlockingSubscription =
    subscription.length === 1 && 'all' in (subscription[0] as object)
      ? { all: true }
      : { events: subscription as Type<DomainEvent>[] };
  return (target) => Reflect.defineMetadata(BLOCKING_EVENTS_METADATA, value, target);
}
