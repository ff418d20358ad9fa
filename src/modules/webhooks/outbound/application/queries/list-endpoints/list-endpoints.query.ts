import { Query } from '@nestjs/cqrs';
import type { EndpointView } from '../../endpoint-view.js';

/** An organization's endpoints, oldest first. */
export class ListEndpointsQuery extends Query<EndpointView[]> {
  constructor(readonly orgId: string) {
    super();
  }
}
