import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { ServiceAccountRolesQuery } from './service-account-roles.query.js';

@QueryHandler(ServiceAccountRolesQuery)
export class ServiceAccountRolesHandler implements IQueryHandler<ServiceAccountRolesQuery, Map<string, { id: string; name: string }[]>> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ orgId }: ServiceAccountRolesQuery): Promise<Map<string, { id: string; name: string }[]>> {
    const rows = (await this.dataSource.query(
      `SELECT a.service_account_id AS "serviceAccountId", r.id, r.name
         FROM service_account_roles a JOIN roles r ON r.id = a.role_id
        WHERE a.org_id = $1 ORDER BY r.name`,
      [orgId],
    )) as { serviceAccountId: string; id: string; name: string }[];
    const byAccount = new Map<string, { id: string; name: string }[]>();
    for (const { serviceAccountId, ...role } of rows) byAccount.set(serviceAccountId, [...(byAccount.get(serviceAccountId) ?? []), role]);
    return byAccount;
  }
}
