import type { Actor } from '../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';

/** Gives a member of `orgId` one of its roles; assigning a role already held changes nothing. */
export class AssignRoleCommand extends AppCommand<void> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly userId: string,
    readonly roleId: string,
  ) {
    super(actor);
  }
}
