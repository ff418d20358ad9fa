import type { Actor } from '../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';
import type { InviteView } from '../../invite-view.js';
import type { OrgSummary } from '../../queries/get-org/get-org.query.js';

/** Where the intended Owner stands after a bootstrap. */
export type BootstrapOwnerState =
  /** A member holding the Owner role (the role was given now when `changed`). */
  | { readonly kind: 'owner'; readonly userId: string; readonly changed: boolean }
  /** A pending invitation with the Owner role (created now when `changed`). */
  | { readonly kind: 'invited'; readonly invite: InviteView; readonly changed: boolean };

export interface BootstrapOrgResult {
  readonly org: OrgSummary;
  readonly orgCreated: boolean;
  readonly owner: BootstrapOwnerState;
}

/**
 * An operator's first organization: created without members (users exist only once they sign in through
 * the identity provider) plus an Owner invitation for `ownerEmail`. Converges instead of duplicating: an
 * organization with the same slug is reused, and an Owner who is already a member or already invited
 * changes nothing.
 */
export class BootstrapOrgCommand extends AppCommand<BootstrapOrgResult> {
  constructor(
    actor: Actor,
    readonly displayName: string,
    /** Lower-case. */
    readonly ownerEmail: string,
    readonly inviteExpiresInDays: number,
  ) {
    super(actor);
  }
}
