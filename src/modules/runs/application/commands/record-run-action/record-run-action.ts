import { CommandHandler } from '@nestjs/cqrs';
import type { Actor } from '../../../../../shared/auth/actor.js';
import { AppCommand } from '../../../../../shared/cqrs/app-command.js';
import type { Auditable, AuditRecord } from '../../../../../shared/cqrs/auditable.js';
import { DomainEvent, type EventOrigin } from '../../../../../shared/cqrs/domain-event.js';
import { TransactionalCommandHandler } from '../../../../../shared/cqrs/transactional-command-handler.js';

type RunAction =
  | 'run.rerun'
  | 'run.cancel'
  | 'run.trigger'
  | 'held_run.approve'
  | 'held_run.reject'
  | 'event_dlq.retry'
  | 'event_dlq.discard'
  | 'environment.create'
  | 'environment.update'
  | 'environment.test_access.set'
  | 'environment.delete'
  | 'env_var.set'
  | 'env_var.delete'
  | 'source_override.set'
  | 'source_override.delete'
  | 'env_binding.set'
  | 'secret.set'
  | 'secret.delete'
  | 'secret_scope.create'
  | 'secret_scope.rename'
  | 'secret_scope.delete'
  | 'registration.disable'
  | 'registration.delete'
  | 'run.manual_schedule'
  | 'global_workflows.update'
  | 'fleet.host.declare'
  | 'fleet.host.remove'
  | 'backend.sync'
  | 'backend.sync_one';

/**
 * A write the Platform relayed to an orchestrator and that it accepted (run actions, held runs, DLQ,
 * environments, secrets). Details name what changed, never a secret or variable value.
 */
export class RunActionEvent extends DomainEvent implements Auditable {
  constructor(
    origin: EventOrigin,
    readonly eventName: RunAction,
    readonly runId: string,
    readonly details: Record<string, unknown>,
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    const targetType = this.eventName.slice(0, this.eventName.indexOf('.')); // run, held_run, environment, secret, …
    return { action: this.eventName, targetType, targetId: this.runId, payload: this.details };
  }
}

/**
 * Records an accepted run action: the audit row, and for a cancel who cancelled (the run list shows it).
 * The orchestrator owns the run; the Platform audits what it relayed (platform-domain §4.1).
 */
export class RecordRunActionCommand extends AppCommand<void> {
  constructor(
    actor: Actor,
    readonly orgId: string,
    readonly action: RunAction,
    readonly runId: string,
    readonly details: Record<string, unknown>,
    readonly cancelledBy: string | null = null,
  ) {
    super(actor);
  }
}

@CommandHandler(RecordRunActionCommand)
export class RecordRunActionHandler extends TransactionalCommandHandler<RecordRunActionCommand> {
  protected async handle({ actor, orgId, action, runId, details, cancelledBy }: RecordRunActionCommand): Promise<void> {
    if (cancelledBy) await this.uow.manager.query('UPDATE runs SET cancelled_by = $3 WHERE org_id = $1 AND run_id = $2', [orgId, runId, cancelledBy]);
    this.uow.raise(new RunActionEvent({ actor, orgId }, action, runId, details));
  }
}
