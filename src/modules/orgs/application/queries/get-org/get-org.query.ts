import { Query } from '@nestjs/cqrs';
import type { OrgEntity } from '../../../infrastructure/org.entity.js';

/** An organization as the API shows it. */
export interface OrgSummary {
  readonly id: string;
  readonly displayName: string;
  readonly publicAlias: string;
  readonly slug: string;
  readonly isPersonal: boolean;
  readonly createdAt: string;
  readonly disabledAt: string | null;
}

export function toOrgSummary(org: OrgEntity): OrgSummary {
  return {
    id: org.id,
    displayName: org.displayName,
    publicAlias: org.publicAlias,
    slug: org.slug,
    isPersonal: org.isPersonal,
    createdAt: org.createdAt.toISOString(),
    disabledAt: org.disabledAt?.toISOString() ?? null,
  };
}

export class GetOrgQuery extends Query<OrgSummary> {
  constructor(readonly orgId: string) {
    super();
  }
}
