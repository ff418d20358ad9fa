import type { Actor } from '../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';

export class SetSupportAccessCommand extends AppCommand<{ enabled: boolean }> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly enabled: boolean,
  ) {
    super(actor);
  }
}
