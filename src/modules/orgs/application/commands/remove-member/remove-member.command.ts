import type { Actor } from '../../../../../shared/auth/actor.js';
import type { OrgAccess } from '../../../../../shared/auth/org-access.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';

/**
 * Removes `userId` from `orgId` (with their role assignments), or lets them leave when it is themselves.
 * `byUserId` and `access` are the caller's; they decide what is allowed.
 */
export class RemoveMemberCommand extends AppCommand<void> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly userId: string,
    /** The calling user; null for an API key (which can never be "leaving"). */
    readonly byUserId: string | null,
    readonly access: OrgAccess,
  ) {
    super(actor);
  }
}
