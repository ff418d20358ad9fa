import type { Actor } from '../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';

/** Revokes one of `userId`'s personal access tokens; it stops working on the next request. */
export class RevokePatCommand extends AppCommand<void> {
  constructor(
    actor: Actor,
    readonly userId: string,
    readonly patId: string,
  ) {
    super(actor);
  }
}
