import type { Actor } from '../../../../../shared/auth/actor.js';
import type { PermissionMatrix } from '../../../../../shared/auth/permissions.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';
import type { RoleView } from '../../../domain/role-view.js';

export interface RoleDefinition {
  readonly name: string;
  readonly description: string | null;
  readonly permissions: PermissionMatrix;
  readonly repoPatterns: string[];
}

export class CreateRoleCommand extends AppCommand<RoleView> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly definition: RoleDefinition,
  ) {
    super(actor);
  }
}
