import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource, IsNull } from 'typeorm';
import { PersonalAccessTokenEntity } from '../../../infrastructure/personal-access-token.entity.js';
import { ListPatsQuery, type PatSummary } from './list-pats.query.js';

@QueryHandler(ListPatsQuery)
export class ListPatsHandler implements IQueryHandler<ListPatsQuery, PatSummary[]> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ userId }: ListPatsQuery): Promise<PatSummary[]> {
    const rows = await this.dataSource.getRepository(PersonalAccessTokenEntity).find({
      where: { userId, revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
    const now = Date.now();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind,
      agentLabel: row.agentLabel,
      prefix: row.tokenPrefix,
      scopes: row.scopes,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      expired: row.expiresAt.getTime() <= now,
    }));
  }
}
