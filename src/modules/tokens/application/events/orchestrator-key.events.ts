import type { Auditable, AuditRecord } from '../../../../shared/cqrs/auditable.js';
import { DomainEvent, type EventOrigin } from '../../../../shared/cqrs/domain-event.js';

export class OrchestratorKeyCreatedEvent extends DomainEvent implements Auditable {
  readonly eventName = 'orchestrator_key.create';

  constructor(
    origin: EventOrigin,
    readonly keyId: string,
    readonly details: Record<string, unknown>,
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    return { action: this.eventName, targetType: 'orchestrator_key', targetId: this.keyId, payload: this.details };
  }
}

/**
 * An orchestrator key was revoked. After commit, the gateway closes every live socket authenticated
 * with it (close code 4001).
 */
export class OrchestratorKeyRevokedEvent extends DomainEvent implements Auditable {
  readonly eventName = 'orchestrator_key.revoke';

  constructor(
    origin: EventOrigin,
    readonly keyId: string,
    readonly name: string,
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    return { action: this.eventName, targetType: 'orchestrator_key', targetId: this.keyId, payload: { name: this.name } };
  }
}
