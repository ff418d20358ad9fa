import { Query } from '@nestjs/cqrs';

/** An organization as `GET /api/v1/user/orgs` lists it; the CLI reads `id`, `displayName`, `isOwner`. */
export interface UserOrg {
  readonly id: string;
  readonly displayName: string;
  readonly isOwner: boolean;
  /** The caller's most significant role name, or null with none. */
  readonly role: string | null;
  readonly isPersonal: boolean;
  readonly publicAlias: string;
}

/** The organizations a user is a member of, by display name. */
export class ListUserOrgsQuery extends Query<UserOrg[]> {
  constructor(readonly userId: string) {
    super();
  }
}
