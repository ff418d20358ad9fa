import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { MemberRolesQuery, type RoleAssignmentView } from './member-roles.query.js';

@QueryHandler(MemberRolesQuery)
export class MemberRolesHandler implements IQueryHandler<MemberRolesQuery, Map<string, RoleAssignmentView[]>> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ orgId }: MemberRolesQuery): Promise<Map<string, RoleAssignmentView[]>> {
    const rows = (await this.dataSource.query(
      `SELECT a.user_id AS "userId", r.id AS "roleId", r.name AS "roleName", r.is_owner AS "isOwner"
         FROM role_assignments a JOIN roles r ON r.id = a.role_id
        WHERE a.org_id = $1 ORDER BY r.is_owner DESC, r.name`,
      [orgId],
    )) as (RoleAssignmentView & { userId: string })[];
    const byUser = new Map<string, RoleAssignmentView[]>();
    for (const { userId, ...assignment } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), assignment]);
    return byUser;
  }
}
