import type { Auditable, AuditRecord } from '../../../../shared/cqrs/auditable.js';
import { DomainEvent, type EventOrigin } from '../../../../shared/cqrs/domain-event.js';
import type { TrustPolicyView } from '../queries/org-settings/org-settings.queries.js';

/** The trust policy changed; once the gateway exists, it pushes `trust_policy.update` to the orchestrators. */
export class TrustPolicyUpdatedEvent extends DomainEvent implements Auditable {
  readonly eventName = 'trust_policy.update';

  constructor(
    origin: EventOrigin,
    readonly orgId: string,
    readonly policy: TrustPolicyView,
    readonly changes: { field: string; old: unknown; new: unknown }[],
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    return { action: this.eventName, targetType: 'trust_policy', targetId: this.orgId, payload: { changes: this.changes } };
  }
}

export class SupportAccessChangedEvent extends DomainEvent implements Auditable {
  constructor(
    origin: EventOrigin,
    readonly eventName: 'support.enable' | 'support.disable',
    readonly orgId: string,
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    return { action: this.eventName, targetType: 'org', targetId: this.orgId, payload: {} };
  }
}
