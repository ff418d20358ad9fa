import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource, LessThan } from 'typeorm';
import { WebhookDeliveryEntity } from '../../../infrastructure/webhook-delivery.entity.js';
import { toDeliveryView, type DeliveryView } from '../../delivery-view.js';
import { GetEndpointQuery } from '../get-endpoint/get-endpoint.query.js';
import { GetEndpointHandler } from '../get-endpoint/get-endpoint.handler.js';
import { ListDeliveriesQuery } from './list-deliveries.query.js';

@QueryHandler(ListDeliveriesQuery)
export class ListDeliveriesHandler implements IQueryHandler<ListDeliveriesQuery, { deliveries: DeliveryView[]; hasMore: boolean }> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly endpoints: GetEndpointHandler,
  ) {}

  /** Keyset pagination on the id (UUID v7: creation order), so pages stay stable while deliveries are added. */
  async execute({ filter }: ListDeliveriesQuery): Promise<{ deliveries: DeliveryView[]; hasMore: boolean }> {
    await this.endpoints.execute(new GetEndpointQuery(filter.orgId, filter.endpointId));
    const rows = await this.dataSource.getRepository(WebhookDeliveryEntity).find({
      where: {
        orgId: filter.orgId,
        endpointId: filter.endpointId,
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.beforeId ? { id: LessThan(filter.beforeId) } : {}),
      },
      order: { id: 'DESC' },
      take: filter.limit + 1,
    });
    return { deliveries: rows.slice(0, filter.limit).map(toDeliveryView), hasMore: rows.length > filter.limit };
  }
}
