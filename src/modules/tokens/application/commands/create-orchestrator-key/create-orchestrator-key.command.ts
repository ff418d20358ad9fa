import type { Actor } from '../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';
import type { OrchestratorKeyView } from '../../orchestrator-key-view.js';

export class CreateOrchestratorKeyCommand extends AppCommand<OrchestratorKeyView & { key: string }> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly name: string,
    readonly description: string | null,
    readonly routingPatterns: string[],
    readonly createdBy: string | null,
  ) {
    super(actor);
  }
}
