import { Query } from '@nestjs/cqrs';
import type { RoleAssignmentView } from '../../../../rbac/index.js';

/** A member as the members list shows it (the `orgMemberSchema` fields the Platform holds). */
export interface MemberView {
  readonly userId: string;
  readonly email: string | null;
  readonly displayName: string | null;
  readonly roles: string[];
  readonly roleAssignments: RoleAssignmentView[];
  readonly suspendedAt: string | null;
  readonly joinedAt: string;
}

export class ListMembersQuery extends Query<MemberView[]> {
  constructor(readonly orgId: string) {
    super();
  }
}
