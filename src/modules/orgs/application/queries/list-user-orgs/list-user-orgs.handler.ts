import { type IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { UserRolesQuery } from '../../../../rbac/index.js';
import { ListUserOrgsQuery, type UserOrg } from './list-user-orgs.query.js';

@QueryHandler(ListUserOrgsQuery)
export class ListUserOrgsHandler implements IQueryHandler<ListUserOrgsQuery, UserOrg[]> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: QueryBus,
  ) {}

  async execute({ userId }: ListUserOrgsQuery): Promise<UserOrg[]> {
    const [orgs, roles] = await Promise.all([
      this.dataSource.query(
        `SELECT o.id, o.display_name AS "displayName", o.is_personal AS "isPersonal", o.public_alias AS "publicAlias"
           FROM org_members m JOIN orgs o ON o.id = m.org_id
          WHERE m.user_id = $1
          ORDER BY lower(o.display_name), o.id`,
        [userId],
      ) as Promise<{ id: string; displayName: string; isPersonal: boolean; publicAlias: string }[]>,
      this.queries.execute(new UserRolesQuery(userId)),
    ]);
    const rolesByOrg = new Map(roles.map((entry) => [entry.orgId, entry]));
    return orgs.map((org) => {
      const held = rolesByOrg.get(org.id);
      return { ...org, isOwner: held?.isOwner ?? false, role: held?.roleNames[0] ?? null };
    });
  }
}
