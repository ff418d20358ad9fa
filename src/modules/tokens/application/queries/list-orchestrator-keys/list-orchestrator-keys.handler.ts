import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { OrchestratorKeyEntity } from '../../../infrastructure/orchestrator-key.entity.js';
import { toOrchestratorKeyView, type OrchestratorKeyView } from '../../orchestrator-key-view.js';
import { ListOrchestratorKeysQuery } from './list-orchestrator-keys.query.js';

@QueryHandler(ListOrchestratorKeysQuery)
export class ListOrchestratorKeysHandler implements IQueryHandler<ListOrchestratorKeysQuery, OrchestratorKeyView[]> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ orgId }: ListOrchestratorKeysQuery): Promise<OrchestratorKeyView[]> {
    const keys = await this.dataSource.getRepository(OrchestratorKeyEntity).find({ where: { orgId }, order: { createdAt: 'DESC' } });
    return keys.map(toOrchestratorKeyView);
  }
}
