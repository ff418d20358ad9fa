import type { Actor } from '../../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../../shared/cqrs/app-command.js';
import type { EndpointView } from '../../endpoint-view.js';

export interface NewEndpoint {
  readonly url: string;
  readonly description: string | null;
  readonly eventTypes: string[];
  readonly enabled: boolean;
}

/** Registers an outbound endpoint of `orgId`; the answer carries its signing secret, shown this once. */
export class CreateEndpointCommand extends AppCommand<EndpointView & { secret: string }> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly endpoint: NewEndpoint,
  ) {
    super(actor);
  }
}
