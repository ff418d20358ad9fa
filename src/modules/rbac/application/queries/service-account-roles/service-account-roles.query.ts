import { Query } from '@nestjs/cqrs';

/** The roles of every service account of an organization, by service account id. */
export class ServiceAccountRolesQuery extends Query<Map<string, { id: string; name: string }[]>> {
  constructor(readonly orgId: string) {
    super();
  }
}
