import { Query } from '@nestjs/cqrs';

export interface OrgRoles {
  readonly orgId: string;
  readonly roleNames: string[];
  readonly isOwner: boolean;
}

/** The roles a user holds, per organization (only organizations where they hold at least one). */
export class UserRolesQuery extends Query<OrgRoles[]> {
  constructor(readonly userId: string) {
    super();
  }
}
