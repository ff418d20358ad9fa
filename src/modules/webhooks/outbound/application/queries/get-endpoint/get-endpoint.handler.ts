import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../../../../shared/errors/domain-error.js';
import { isUuid } from '../../../../../../shared/ids/uuid-v7.js';
import { WebhookEndpointEntity } from '../../../infrastructure/webhook-endpoint.entity.js';
import { toEndpointView, type EndpointView } from '../../endpoint-view.js';
import { GetEndpointQuery } from './get-endpoint.query.js';

@QueryHandler(GetEndpointQuery)
export class GetEndpointHandler implements IQueryHandler<GetEndpointQuery, EndpointView> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ orgId, endpointId }: GetEndpointQuery): Promise<EndpointView> {
    const endpoint = isUuid(endpointId) ? await this.dataSource.getRepository(WebhookEndpointEntity).findOneBy({ id: endpointId, orgId }) : null;
    if (!endpoint) throw new DomainError('OUTBOUND_WEBHOOKS.ENDPOINT_NOT_FOUND', 'Webhook endpoint not found');
    return toEndpointView(endpoint);
  }
}
