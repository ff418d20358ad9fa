import { Query } from '@nestjs/cqrs';
import type { OrgSummary } from '../get-org/get-org.query.js';

/** The organization whose id or slug is `idOrSlug` (operators name organizations either way), or null. */
export class FindOrgQuery extends Query<OrgSummary | null> {
  constructor(readonly idOrSlug: string) {
    super();
  }
}
