import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { effectiveAccess, type EffectiveAccess, type HeldRole } from '../../../domain/effective-permissions.js';
import { ServiceAccountAccessQuery } from './service-account-access.query.js';

@QueryHandler(ServiceAccountAccessQuery)
export class ServiceAccountAccessHandler implements IQueryHandler<ServiceAccountAccessQuery, EffectiveAccess> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ orgId, serviceAccountId }: ServiceAccountAccessQuery): Promise<EffectiveAccess> {
    const roles = (await this.dataSource.query(
      `SELECT r.permissions, r.repo_patterns AS "repoPatterns", r.is_owner AS "isOwner"
         FROM service_account_roles a JOIN roles r ON r.id = a.role_id
        WHERE a.org_id = $1 AND a.service_account_id = $2`,
      [orgId, serviceAccountId],
    )) as HeldRole[];
    return effectiveAccess(roles, null);
  }
}
