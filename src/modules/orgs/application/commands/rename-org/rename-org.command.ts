import type { Actor } from '../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';
import type { OrgSummary } from '../../queries/get-org/get-org.query.js';

export class RenameOrgCommand extends AppCommand<OrgSummary> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly displayName: string,
  ) {
    super(actor);
  }
}
