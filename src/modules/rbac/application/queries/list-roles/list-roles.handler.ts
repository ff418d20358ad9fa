import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { toRoleView, type RoleView } from '../../../domain/role-view.js';
import { RoleEntity } from '../../../infrastructure/role.entity.js';
import { ListRolesQuery } from './list-roles.query.js';

@QueryHandler(ListRolesQuery)
export class ListRolesHandler implements IQueryHandler<ListRolesQuery, RoleView[]> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ orgId }: ListRolesQuery): Promise<RoleView[]> {
    const roles = await this.dataSource.getRepository(RoleEntity).find({ where: { orgId }, order: { isOwner: 'DESC', name: 'ASC' } });
    return roles.map(toRoleView);
  }
}
