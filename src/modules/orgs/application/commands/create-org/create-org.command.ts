import type { Actor } from '../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';
import type { OrgSummary } from '../../queries/get-org/get-org.query.js';

/** Creates an organization whose first member and Owner is `creatorUserId`. */
export class CreateOrgCommand extends AppCommand<OrgSummary> {
  constructor(
    actor: Actor,
    readonly creatorUserId: string,
    readonly displayName: string,
  ) {
    super(actor);
  }
}
