import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { type OrgRoles, UserRolesQuery } from './user-roles.query.js';

@QueryHandler(UserRolesQuery)
export class UserRolesHandler implements IQueryHandler<UserRolesQuery, OrgRoles[]> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ userId }: UserRolesQuery): Promise<OrgRoles[]> {
    const rows = (await this.dataSource.query(
      `SELECT a.org_id AS "orgId", array_agg(r.name ORDER BY r.is_owner DESC, r.name) AS "roleNames", bool_or(r.is_owner) AS "isOwner"
         FROM role_assignments a JOIN roles r ON r.id = a.role_id
        WHERE a.user_id = $1
        GROUP BY a.org_id`,
      [userId],
    )) as OrgRoles[];
    return rows;
  }
}
