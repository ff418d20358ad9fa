import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { OrgEntity } from '../../../infrastructure/org.entity.js';
import { toOrgSummary, type OrgSummary } from '../get-org/get-org.query.js';
import { FindOrgQuery } from './find-org.query.js';

@QueryHandler(FindOrgQuery)
export class FindOrgHandler implements IQueryHandler<FindOrgQuery, OrgSummary | null> {
  constructor(private readonly dataSource: DataSource) {}

  /** Ids start with `org_` and slugs never contain "_", so one value cannot name two organizations. */
  async execute({ idOrSlug }: FindOrgQuery): Promise<OrgSummary | null> {
    const org = await this.dataSource.getRepository(OrgEntity).findOne({ where: [{ id: idOrSlug }, { slug: idOrSlug }] });
    return org ? toOrgSummary(org) : null;
  }
}
