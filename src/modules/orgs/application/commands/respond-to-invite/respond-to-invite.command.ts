import type { Actor } from '../../../../../shared/auth/actor.js';
import type { UserPrincipal } from '../../../../../shared/auth/principal.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';

/** The invitee accepts (joins with the invited roles) or declines an invitation addressed to them. */
export class RespondToInviteCommand extends AppCommand<{ orgId: string }> {
  constructor(
    actor: Actor,
    readonly inviteId: string,
    readonly invitee: UserPrincipal,
    readonly accept: boolean,
  ) {
    super(actor);
  }
}
