import { Query } from '@nestjs/cqrs';
import type { EffectiveAccess } from '../../../domain/effective-permissions.js';

/** What a service account may do in its organization: the union of its roles. */
export class ServiceAccountAccessQuery extends Query<EffectiveAccess> {
  constructor(
    readonly orgId: string,
    readonly serviceAccountId: string,
  ) {
    super();
  }
}
