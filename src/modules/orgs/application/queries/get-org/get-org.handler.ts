import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AccessCache, orgSummaryKey } from '../../../../../shared/auth/access-cache.js';
import { OrgEntity } from '../../../infrastructure/org.entity.js';
import { GetOrgQuery, toOrgSummary, type OrgSummary } from './get-org.query.js';

/**
 * An organization's summary, kept in the access cache: every change to an organization is an audited
 * `org.*` event, which empties that cache (a rename: this one entry) on every replica.
 */
@QueryHandler(GetOrgQuery)
export class GetOrgHandler implements IQueryHandler<GetOrgQuery, OrgSummary> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: AccessCache,
  ) {}

  execute({ orgId }: GetOrgQuery): Promise<OrgSummary> {
    return this.cache.remember(orgSummaryKey(orgId), async () => toOrgSummary(await this.dataSource.getRepository(OrgEntity).findOneByOrFail({ id: orgId })));
  }
}
