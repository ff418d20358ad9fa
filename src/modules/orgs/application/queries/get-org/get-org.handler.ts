import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AccessCache } from '../../../../../shared/auth/access-cache.js';
import { OrgEntity } from '../../../infrastructure/org.entity.js';
import { GetOrgQuery, toOrgSummary, type OrgSummary } from './get-org.query.js';

/** Key of an organization's summary, the one cached entry that holds its display name. */
export function orgSummaryKey(orgId: string): string {
  return `org-summary:${orgId}`;
}

/**
 * An organization's summary, kept in the access cache: every change to an organization is an audited
 * `org.*` event, which empties that cache on every replica; a rename changes only this entry, so it
 * forgets only this entry.
 */
@QueryHandler(GetOrgQuery)
export class GetOrgHandler implements IQueryHandler<GetOrgQuery, OrgSummary> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: AccessCache,
  ) {
    cache.forgetOnly('org.rename', (event) => orgSummaryKey(event.metadata.orgId ?? ''));
  }

  execute({ orgId }: GetOrgQuery): Promise<OrgSummary> {
    return this.cache.remember(orgSummaryKey(orgId), async () => toOrgSummary(await this.dataSource.getRepository(OrgEntity).findOneByOrFail({ id: orgId })));
  }
}
