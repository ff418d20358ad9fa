import { type IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { DataSource, IsNull } from 'typeorm';
import { ServiceAccountRolesQuery } from '../../../../rbac/index.js';
import { ServiceAccountKeyEntity } from '../../../infrastructure/service-account-key.entity.js';
import { ServiceAccountEntity } from '../../../infrastructure/service-account.entity.js';
import { ListServiceAccountsQuery, type ServiceAccountView } from './list-service-accounts.query.js';

@QueryHandler(ListServiceAccountsQuery)
export class ListServiceAccountsHandler implements IQueryHandler<ListServiceAccountsQuery, ServiceAccountView[]> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: QueryBus,
  ) {}

  async execute({ orgId }: ListServiceAccountsQuery): Promise<ServiceAccountView[]> {
    const [accounts, keys, roles] = await Promise.all([
      this.dataSource.getRepository(ServiceAccountEntity).find({ where: { orgId }, order: { name: 'ASC' } }),
      this.dataSource.getRepository(ServiceAccountKeyEntity).find({ where: { orgId, revokedAt: IsNull() }, order: { createdAt: 'ASC' } }),
      this.queries.execute(new ServiceAccountRolesQuery(orgId)),
    ]);
    return accounts.map((account) => ({
      id: account.id,
      name: account.name,
      description: account.description,
      createdAt: account.createdAt.toISOString(),
      roles: roles.get(account.id) ?? [],
      keys: keys
        .filter((key) => key.serviceAccountId === account.id)
        .map((key) => ({ id: key.id, prefix: key.tokenPrefix, createdAt: key.createdAt.toISOString(), lastUsedAt: key.lastUsedAt?.toISOString() ?? null })),
    }));
  }
}
