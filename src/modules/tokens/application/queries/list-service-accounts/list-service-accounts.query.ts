import { Query } from '@nestjs/cqrs';

export interface ServiceAccountView {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly createdAt: string;
  readonly roles: { id: string; name: string }[];
  /** Active keys, by prefix only. */
  readonly keys: { id: string; prefix: string; createdAt: string; lastUsedAt: string | null }[];
}

export class ListServiceAccountsQuery extends Query<ServiceAccountView[]> {
  constructor(readonly orgId: string) {
    super();
  }
}
