import type { Actor } from '../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';

/** Gives a service account of `orgId` one of its roles (never Owner). */
export class AssignServiceAccountRoleCommand extends AppCommand<void> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly serviceAccountId: string,
    readonly roleId: string,
  ) {
    super(actor);
  }
}

/** Takes a role from a service account. */
export class UnassignServiceAccountRoleCommand extends AppCommand<void> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly serviceAccountId: string,
    readonly roleId: string,
  ) {
    super(actor);
  }
}
