import type { Auditable, AuditRecord } from '../../../../shared/cqrs/auditable.js';
import { DomainEvent, type EventOrigin } from '../../../../shared/cqrs/domain-event.js';

export type RoleAction = 'role.create' | 'role.update' | 'role.delete' | 'role.assigned' | 'role.unassigned';

/** A role's lifecycle or assignment changed; one audit row in the organization's chain. */
export class RoleChangedEvent extends DomainEvent implements Auditable {
  constructor(
    origin: EventOrigin,
    readonly eventName: RoleAction,
    readonly roleId: string,
    readonly details: Record<string, unknown>,
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    return { action: this.eventName, targetType: 'role', targetId: this.roleId, payload: this.details };
  }
}
