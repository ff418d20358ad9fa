import { Query } from '@nestjs/cqrs';

export interface AuditFilter {
  readonly orgId: string;
  /** Exact action, or a prefix ending in `*` (`member.*`). */
  readonly action?: string;
  readonly actorType?: string;
  readonly actorId?: string;
  readonly targetType?: string;
  readonly targetId?: string;
  /** Full-text-ish search over the payload. */
  readonly q?: string;
  /** Inclusive. */
  readonly from?: Date;
  /** Exclusive. */
  readonly to?: Date;
  /** Return rows with `seq` below this (the previous page's last). */
  readonly beforeSeq?: string;
  readonly limit: number;
}

export interface AuditEventView {
  readonly id: string;
  readonly seq: string;
  readonly occurredAt: string;
  readonly actorType: string;
  readonly actorId: string;
  readonly actorDisplay: string | null;
  /** For user actors, their current email (the audit row keeps what it said at the time too). */
  readonly actorEmail: string | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly requestId: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly payload: Record<string, unknown>;
}

/** An organization's audit rows, newest first, filtered; one page plus whether more exist. */
export class ListAuditEventsQuery extends Query<{ events: AuditEventView[]; hasMore: boolean }> {
  constructor(readonly filter: AuditFilter) {
    super();
  }
}
