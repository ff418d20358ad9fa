import { Command } from '@nestjs/cqrs';
import type { Actor } from '../auth/actor.js';
import { uuidv7 } from '../ids/uuid-v7.js';

/**
 * Base of every command: carries the caller's `Actor` (never taken from the request body) and an id that
 * the events it causes point back to.
 */
export abstract class AppCommand<TResult> extends Command<TResult> {
  readonly commandId: string = uuidv7();

  protected constructor(readonly actor: Actor) {
    super();
  }
}
