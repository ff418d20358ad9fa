import type { Auditable, AuditRecord } from '../../../../shared/cqrs/auditable.js';
import { DomainEvent, type EventOrigin } from '../../../../shared/cqrs/domain-event.js';

/** A change of a member's standing in an organization; one audit row each, targeting the member. */
export class MemberChangedEvent extends DomainEvent implements Auditable {
  constructor(
    origin: EventOrigin,
    readonly eventName: 'member.removed' | 'member.leave' | 'member.suspend' | 'member.unsuspend',
    readonly userId: string,
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    return { action: this.eventName, targetType: 'member', targetId: this.userId, payload: {} };
  }
}
