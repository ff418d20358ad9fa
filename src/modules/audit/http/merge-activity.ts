import type { ActivityPosition } from './activity-query.schema.js';
import type { ActivityRow } from './activity-row.js';

/** The Platform's half: rows newest first (by time, then id), and whether older rows exist. */
export interface AuditHalf {
  readonly rows: readonly ActivityRow[];
  readonly hasMore: boolean;
}

/** The orchestrator's half: the page read at `cursor` after skipping `skip` rows, and its next cursor. */
export interface AccessHalf {
  readonly rows: readonly ActivityRow[];
  readonly cursor: string | null;
  readonly skip: number;
  readonly nextCursor: string | null;
}

/** A half is `null` when not read for this page: out of scope (then it ends) or unavailable (then it keeps its place). */
export interface MergeInput {
  readonly limit: number;
  readonly position: ActivityPosition;
  readonly audit: AuditHalf | null;
  readonly access: AccessHalf | null;
  /** The access half was wanted but its orchestrator could not answer: its place is kept for the next page. */
  readonly accessUnavailable: boolean;
}

const newer = (a: ActivityRow, b: ActivityRow): boolean => Date.parse(a.createdAt) >= Date.parse(b.createdAt);

/**
 * Merges two newest-first streams into one page of at most `limit` rows. It stops early rather than guess
 * when one half's buffer runs out while that half has more rows (an older row from the other half could
 * otherwise jump ahead of them), so a page can be short but never out of order.
 */
export function mergeActivity({ limit, position, audit, access, accessUnavailable }: MergeInput): { rows: ActivityRow[]; next: ActivityPosition | null } {
  const rows: ActivityRow[] = [];
  let auditTaken = 0;
  let accessTaken = 0;
  while (rows.length < limit) {
    const auditHead = audit?.rows[auditTaken];
    const accessHead = access?.rows[accessTaken];
    if ((audit && !auditHead && audit.hasMore) || (access && !accessHead && access.nextCursor !== null)) break;
    if (!auditHead && !accessHead) break;
    if (auditHead && (!accessHead || newer(auditHead, accessHead))) {
      rows.push(auditHead);
      auditTaken += 1;
    } else {
      rows.push(accessHead!);
      accessTaken += 1;
    }
  }

  const nextAudit = (): ActivityPosition['audit'] => {
    if (!audit) return null;
    if (auditTaken === audit.rows.length && !audit.hasMore) return null;
    const last = auditTaken > 0 ? audit.rows[auditTaken - 1]! : null;
    return { before: last ? { at: last.createdAt, id: last.id } : (position.audit?.before ?? null) };
  };
  const nextAccess = (): ActivityPosition['access'] => {
    if (!access) return accessUnavailable ? position.access : null;
    if (accessTaken < access.rows.length) return { cursor: access.cursor, skip: access.skip + accessTaken };
    return access.nextCursor !== null ? { cursor: access.nextCursor, skip: 0 } : null;
  };
  const next = { audit: nextAudit(), access: nextAccess() };
  // Only an unavailable access half left: the client learns it from partialResults, not from an endless cursor.
  const more = next.audit !== null || (next.access !== null && !accessUnavailable);
  return { rows, next: more ? next : null };
}
