import type { Actor } from '../../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../../shared/cqrs/app-command.js';
import type { EndpointView } from '../../endpoint-view.js';

/**
 * Replaces the signing secret. The current one keeps signing beside the new one for `overlapSeconds`
 * (0 ends it at once), so receivers can switch without missing a delivery. The new secret is shown once.
 */
export class RotateEndpointSecretCommand extends AppCommand<EndpointView & { secret: string }> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly endpointId: string,
    readonly overlapSeconds: number,
  ) {
    super(actor);
  }
}
