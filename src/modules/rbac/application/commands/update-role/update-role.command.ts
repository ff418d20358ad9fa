import type { Actor } from '../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';
import type { RoleView } from '../../../domain/role-view.js';
import type { RoleDefinition } from '../create-role/create-role.command.js';

export class UpdateRoleCommand extends AppCommand<RoleView> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly roleId: string,
    readonly changes: Partial<RoleDefinition>,
  ) {
    super(actor);
  }
}
