import { Query } from '@nestjs/cqrs';

export interface RoleAssignmentView {
  readonly roleId: string;
  readonly roleName: string;
  readonly isOwner: boolean;
}

/** The role assignments of every member of an organization, by user id. */
export class MemberRolesQuery extends Query<Map<string, RoleAssignmentView[]>> {
  constructor(readonly orgId: string) {
    super();
  }
}
