import type { Actor } from '../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';

/** Revokes a key of `orgId`. Without `any`, only a key the caller created. */
export class RevokeApiKeyCommand extends AppCommand<void> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly keyId: string,
    readonly callerUserId: string | null,
    readonly any: boolean,
  ) {
    super(actor);
  }
}
