import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { OrgEntity } from '../../../infrastructure/org.entity.js';
import { GetOrgQuery, toOrgSummary, type OrgSummary } from './get-org.query.js';

@QueryHandler(GetOrgQuery)
export class GetOrgHandler implements IQueryHandler<GetOrgQuery, OrgSummary> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ orgId }: GetOrgQuery): Promise<OrgSummary> {
    return toOrgSummary(await this.dataSource.getRepository(OrgEntity).findOneByOrFail({ id: orgId }));
  }
}
