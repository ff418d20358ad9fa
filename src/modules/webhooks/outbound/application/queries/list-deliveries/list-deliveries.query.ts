import { Query } from '@nestjs/cqrs';
import type { DeliveryStatus } from '../../../infrastructure/webhook-delivery.entity.js';
import type { DeliveryView } from '../../delivery-view.js';

export interface DeliveryFilter {
  readonly orgId: string;
  readonly endpointId: string;
  readonly status?: DeliveryStatus;
  /** Return deliveries older than this id (the previous page's last). */
  readonly beforeId?: string;
  readonly limit: number;
}

/** An endpoint's deliveries, newest first; one page plus whether more exist. 404 for an unknown endpoint. */
export class ListDeliveriesQuery extends Query<{ deliveries: DeliveryView[]; hasMore: boolean }> {
  constructor(readonly filter: DeliveryFilter) {
    super();
  }
}
