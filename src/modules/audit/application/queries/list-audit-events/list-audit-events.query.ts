import { Query } from '@nestjs/cqrs';

/** Where a newest-first page of audit rows stopped: its last row's time and id (rows of one instant go by id). */
export interface AuditPosition {
  readonly occurredAt: Date;
  readonly id: string;
}

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
  /** Return rows older than this (the previous page's last). */
  readonly before?: AuditPosition;
  readonly limit: number;
}

export interface AuditEventView {
  readonly id: string;
  /** Place in the org's hash chain; null for the moments between the row's commit and its sealing. */
  readonly seq: string | null;
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
