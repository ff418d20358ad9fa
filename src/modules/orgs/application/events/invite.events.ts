import type { Auditable, AuditRecord } from '../../../../shared/cqrs/auditable.js';
import { DomainEvent, type EventOrigin } from '../../../../shared/cqrs/domain-event.js';

type InviteAction = 'invite.create' | 'invite.revoke' | 'invite.accept' | 'invite.declined';

/** An invitation's lifecycle; one audit row each in the inviting organization's chain. */
export class InviteChangedEvent extends DomainEvent implements Auditable {
  constructor(
    origin: EventOrigin,
    readonly eventName: InviteAction,
    readonly inviteId: string,
    readonly details: Record<string, unknown>,
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    return { action: this.eventName, targetType: 'invite', targetId: this.inviteId, payload: this.details };
  }
}

/** Someone joined an organization (by accepting an invitation). */
export class MemberJoinedEvent extends DomainEvent implements Auditable {
  readonly eventName = 'member.join';

  constructor(
    origin: EventOrigin,
    readonly userId: string,
    readonly inviteId: string,
  ) {
    super(origin);
  }

  toAuditRecord(): AuditRecord {
    return { action: this.eventName, targetType: 'member', targetId: this.userId, payload: { inviteId: this.inviteId } };
  }
}
