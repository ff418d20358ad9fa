import { Query } from '@nestjs/cqrs';
import type { RoleView } from '../../../domain/role-view.js';

export class ListRolesQuery extends Query<RoleView[]> {
  constructor(readonly orgId: string) {
    super();
  }
}
