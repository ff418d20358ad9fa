import type { Actor } from '../../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../../shared/cqrs/app-command.js';
import type { DeliveryView } from '../../delivery-view.js';

/** Gives a dead or discarded delivery a fresh set of attempts, starting now (same id, same body). */
export class RequeueDeliveryCommand extends AppCommand<DeliveryView> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly endpointId: string,
    readonly deliveryId: string,
  ) {
    super(actor);
  }
}
