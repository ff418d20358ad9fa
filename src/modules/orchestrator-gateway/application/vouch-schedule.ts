/** What the schedule needs to know of a session. */
export interface Vouchable {
  /** When its row was last vouched for (0: never). */
  readonly vouchedAt: number;
  /** Its last heartbeat, and the one last written to its row (0: none). */
  readonly lastHeartbeatAt: number;
  readonly recordedHeartbeatAt: number;
}

/**
 * The sessions whose rows to vouch for at this check: those due (a first heartbeat not yet written, or
 * vouched an interval ago), most overdue first, at most a check's share of all sessions.
 *
 * Without the cap, sessions that connected together (a replica's start, a reconnect storm) stay due
 * together: every vouch interval, one check rewrote all 10,000 rows at once, and requests arriving
 * meanwhile waited for that burst of database work on the replica's core — the slowest 1 % of proxied
 * requests clustered there. Capped at an even share, the same writes spread over the checks of the
 * interval and stay spread. A session left for a later check is written at most a check or two late;
 * rows are reaped only after three intervals.
 */
export function sessionsToVouch<S extends Vouchable>(due: readonly S[], total: number, checkMs: number, vouchIntervalMs: number): S[] {
  const share = Math.ceil((total * checkMs) / vouchIntervalMs);
  if (due.length <= share) return [...due];
  return [...due].sort((a, b) => a.vouchedAt - b.vouchedAt).slice(0, share);
}

/** Its first heartbeat is not written yet, or its row was last vouched for an interval ago. */
export function vouchDue(session: Vouchable, now: number, vouchIntervalMs: number): boolean {
  return (session.lastHeartbeatAt > 0 && session.recordedHeartbeatAt === 0) || now - session.vouchedAt >= vouchIntervalMs;
}

/** Rows per vouch statement: ≈ 2 ms of PostgreSQL's time (HOT updates), on a core it may share with this replica. */
export const VOUCH_CHUNK_ROWS = 200;

/**
 * The pause between a check's vouch statements: its share of rows goes in statements of
 * `VOUCH_CHUNK_ROWS`, spread over the first half of the check period. Sent back to back, 2,500 rows were
 * ≈ 25 ms of PostgreSQL's work at once, and the proxied requests that arrived meanwhile on the same core
 * waited for it; spread, each waits for a couple of milliseconds at most.
 */
export function vouchPauseMs(rows: number, checkMs: number): number {
  const statements = Math.ceil(rows / VOUCH_CHUNK_ROWS);
  return statements > 1 ? Math.floor(checkMs / 2 / statements) : 0;
}
