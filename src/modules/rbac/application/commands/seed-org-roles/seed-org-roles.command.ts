import type { Actor } from '../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';

/**
 * Gives a new organization the built-in Owner and default Member roles and makes `ownerUserId` Owner (none
 * for an organization bootstrapped without members). Sent by Orgs from inside the transaction that creates
 * the organization, which it joins.
 */
export class SeedOrgRolesCommand extends AppCommand<void> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly ownerUserId: string | null,
  ) {
    super(actor);
  }
}
