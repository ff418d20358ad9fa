import { Query } from '@nestjs/cqrs';
import type { InviteView } from '../../invite-view.js';

/** All invitations of an organization, newest first. */
export class ListOrgInvitesQuery extends Query<InviteView[]> {
  constructor(readonly orgId: string) {
    super();
  }
}

export interface PendingInviteView extends InviteView {
  readonly orgDisplayName: string;
}

/** Pending, unexpired invitations addressed to a verified email. */
export class ListPendingInvitesQuery extends Query<PendingInviteView[]> {
  constructor(readonly email: string) {
    super();
  }
}
