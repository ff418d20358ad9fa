import type { Actor } from '../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';

/** Disables an organization: every organization route answers 403 from then on. */
export class DisableOrgCommand extends AppCommand<void> {
  constructor(
    actor: Actor,
    readonly orgId: string,
  ) {
    super(actor);
  }
}
