import { type IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { MemberRolesQuery } from '../../../../rbac/index.js';
import { ListMembersQuery, type MemberView } from './list-members.query.js';

@QueryHandler(ListMembersQuery)
export class ListMembersHandler implements IQueryHandler<ListMembersQuery, MemberView[]> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: QueryBus,
  ) {}

  async execute({ orgId }: ListMembersQuery): Promise<MemberView[]> {
    const [members, roles] = await Promise.all([
      this.dataSource.query(
        `SELECT m.user_id AS "userId", u.email, u.display_name AS "displayName", m.suspended_at AS "suspendedAt", m.joined_at AS "joinedAt"
           FROM org_members m JOIN users u ON u.id = m.user_id
          WHERE m.org_id = $1
          ORDER BY lower(coalesce(u.display_name, u.email, '')), m.user_id`,
        [orgId],
      ) as Promise<{ userId: string; email: string | null; displayName: string | null; suspendedAt: Date | null; joinedAt: Date }[]>,
      this.queries.execute(new MemberRolesQuery(orgId)),
    ]);
    return members.map((member) => {
      const assignments = roles.get(member.userId) ?? [];
      return {
        userId: member.userId,
        email: member.email,
        displayName: member.displayName,
        roles: assignments.map((assignment) => assignment.roleName),
        roleAssignments: assignments,
        suspendedAt: member.suspendedAt?.toISOString() ?? null,
        joinedAt: member.joinedAt.toISOString(),
      };
    });
  }
}
