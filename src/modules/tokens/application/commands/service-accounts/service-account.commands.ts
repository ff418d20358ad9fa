import type { Actor } from '../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';

export class CreateServiceAccountCommand extends AppCommand<{ id: string; name: string; description: string | null; createdAt: string }> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly name: string,
    readonly description: string | null,
    readonly roleIds: readonly string[],
    readonly createdBy: string | null,
  ) {
    super(actor);
  }
}

/** Renames a service account or changes its description; only the fields given change. */
export class UpdateServiceAccountCommand extends AppCommand<{ id: string; name: string; description: string | null }> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly serviceAccountId: string,
    readonly changes: { readonly name?: string; readonly description?: string | null },
  ) {
    super(actor);
  }
}

/** Deletes a service account; its keys and role grants go with it. */
export class DeleteServiceAccountCommand extends AppCommand<void> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly serviceAccountId: string,
  ) {
    super(actor);
  }
}

/** Mints a `kici_sa_` key; the secret is returned once. */
export class CreateServiceAccountKeyCommand extends AppCommand<{ id: string; key: string; prefix: string; createdAt: string }> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly serviceAccountId: string,
  ) {
    super(actor);
  }
}

export class RevokeServiceAccountKeyCommand extends AppCommand<void> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly serviceAccountId: string,
    readonly keyId: string,
  ) {
    super(actor);
  }
}
