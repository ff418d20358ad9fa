import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource, IsNull } from 'typeorm';
import { UserApiKeyEntity } from '../../../infrastructure/user-api-key.entity.js';
import { toApiKeyView, type ApiKeyView } from '../../api-key-view.js';
import { ListApiKeysQuery } from './list-api-keys.query.js';

@QueryHandler(ListApiKeysQuery)
export class ListApiKeysHandler implements IQueryHandler<ListApiKeysQuery, ApiKeyView[]> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ orgId }: ListApiKeysQuery): Promise<ApiKeyView[]> {
    const keys = await this.dataSource.getRepository(UserApiKeyEntity).find({ where: { orgId, revokedAt: IsNull() }, order: { createdAt: 'DESC' } });
    return keys.map(toApiKeyView);
  }
}
