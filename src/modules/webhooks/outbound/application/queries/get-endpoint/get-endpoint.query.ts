import { Query } from '@nestjs/cqrs';
import type { EndpointView } from '../../endpoint-view.js';

/** One endpoint of an organization (404 when it is not one of theirs). */
export class GetEndpointQuery extends Query<EndpointView> {
  constructor(
    readonly orgId: string,
    readonly endpointId: string,
  ) {
    super();
  }
}
