import type { Actor } from '../../../../../shared/auth/actor.js';
import type { PermissionMatrix } from '../../../../../shared/auth/permissions.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';
import type { ApiKeyView } from '../../api-key-view.js';

/** Mints a `kici_sk_` key of `orgId` for `creatorUserId`; the secret is returned once. */
export class CreateApiKeyCommand extends AppCommand<ApiKeyView & { token: string }> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly creatorUserId: string,
    readonly name: string,
    readonly description: string | null,
    readonly permissions: PermissionMatrix,
  ) {
    super(actor);
  }
}
