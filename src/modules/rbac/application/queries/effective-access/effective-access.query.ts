import { Query } from '@nestjs/cqrs';
import type { PermissionMatrix } from '../../../../../shared/auth/permissions.js';
import type { EffectiveAccess } from '../../../domain/effective-permissions.js';

/** What a member may do in an organization through their roles, capped by their credential's scopes. */
export class EffectiveAccessQuery extends Query<EffectiveAccess> {
  constructor(
    readonly orgId: string,
    readonly userId: string,
    readonly cap: PermissionMatrix | null,
  ) {
    super();
  }
}
