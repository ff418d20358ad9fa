import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { WebhookEndpointEntity } from '../../../infrastructure/webhook-endpoint.entity.js';
import { toEndpointView, type EndpointView } from '../../endpoint-view.js';
import { ListEndpointsQuery } from './list-endpoints.query.js';

@QueryHandler(ListEndpointsQuery)
export class ListEndpointsHandler implements IQueryHandler<ListEndpointsQuery, EndpointView[]> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ orgId }: ListEndpointsQuery): Promise<EndpointView[]> {
    const rows = await this.dataSource.getRepository(WebhookEndpointEntity).find({ where: { orgId }, order: { id: 'ASC' } });
    return rows.map(toEndpointView);
  }
}
