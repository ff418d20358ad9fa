import type { Actor } from '../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';

/** Deletes a custom role; its assignments go with it. */
export class DeleteRoleCommand extends AppCommand<void> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly roleId: string,
  ) {
    super(actor);
  }
}
