import type { Actor } from '../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';
import type { InviteView } from '../../invite-view.js';

/** Invites an email address into `orgId` with the given roles of that organization. */
export class CreateInviteCommand extends AppCommand<InviteView> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly email: string,
    readonly roleIds: readonly string[],
    readonly expiresInDays: number,
    /** The inviting user; null when an API key invites. */
    readonly invitedBy: string | null,
  ) {
    super(actor);
  }
}
