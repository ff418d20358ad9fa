import type { Actor } from '../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';
import type { TrustPolicyView } from '../../queries/org-settings/org-settings.queries.js';

export class UpdateTrustPolicyCommand extends AppCommand<TrustPolicyView> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly policy: Omit<TrustPolicyView, 'updatedAt'>,
  ) {
    super(actor);
  }
}
