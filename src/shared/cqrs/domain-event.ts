import type { Actor } from '../auth/actor.js';
import { uuidv7 } from '../ids/uuid-v7.js';
import { currentRequestContext } from '../http/request-context.js';

/** Facts every domain event carries besides its payload. */
export interface EventMetadata {
  readonly eventId: string;
  readonly occurredAt: Date;
  readonly actor: Actor;
  /** The tenant the event belongs to; null for Platform-wide events (a user's first sign-in). */
  readonly orgId: string | null;
  readonly requestId: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
  /** Id of the command whose handler raised the event; stamped by the unit of work. */
  causationId: string | null;
}

/** Who caused an event and in which tenant; the rest of the metadata is stamped automatically. */
export interface EventOrigin {
  readonly actor: Actor;
  readonly orgId: string | null;
}

/**
 * Base of all domain events: something that happened, named in the past tense (`PatCreatedEvent`), raised
 * by a command handler through `UnitOfWork.raise`. Request facts are taken from the request being served.
 */
export abstract class DomainEvent {
  /** Stable dotted name, e.g. `pat.create`. */
  abstract readonly eventName: string;
  readonly metadata: EventMetadata;

  protected constructor(origin: EventOrigin) {
    const request = currentRequestContext();
    this.metadata = {
      eventId: uuidv7(),
      occurredAt: new Date(),
      actor: origin.actor,
      orgId: origin.orgId,
      requestId: request?.requestId ?? null,
      ip: request?.ip ?? null,
      userAgent: request?.userAgent ?? null,
      causationId: null,
    };
  }
}
