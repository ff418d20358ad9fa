import type { Actor } from '../../../../../shared/auth/actor.js';
import type { OrgAccess } from '../../../../../shared/auth/org-access.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';

/** Suspends (no API access at all) or reinstates a member. */
export class SetMemberSuspensionCommand extends AppCommand<void> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly userId: string,
    readonly suspended: boolean,
    readonly access: OrgAccess,
  ) {
    super(actor);
  }
}
