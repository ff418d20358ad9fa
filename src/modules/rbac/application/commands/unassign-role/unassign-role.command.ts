import type { Actor } from '../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';

/** Takes a role from a member; the organization's last Owner keeps the Owner role. */
export class UnassignRoleCommand extends AppCommand<void> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly userId: string,
    readonly roleId: string,
  ) {
    super(actor);
  }
}
