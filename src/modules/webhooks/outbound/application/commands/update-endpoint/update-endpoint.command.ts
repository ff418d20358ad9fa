import type { Actor } from '../../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../../shared/cqrs/app-command.js';
import type { EndpointView } from '../../endpoint-view.js';
import type { NewEndpoint } from '../create-endpoint/create-endpoint.command.js';

/** Changes the fields given; enabling an endpoint clears why it was disabled and its failure count. */
export class UpdateEndpointCommand extends AppCommand<EndpointView> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly endpointId: string,
    readonly changes: Partial<NewEndpoint>,
  ) {
    super(actor);
  }
}
