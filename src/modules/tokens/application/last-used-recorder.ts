import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** Coalesce usage writes: at most one per credential per interval, however busy the credential. */
const WRITE_INTERVAL_MS = 60_000;
const TRACKED_LIMIT = 100_000;

/**
 * Records when a credential was last used without a database write on every request. Not audited and
 * not awaited: usage time is informational and must never slow a request down.
 */
export class LastUsedRecorder<E extends ObjectLiteral & { id: string; lastUsedAt: Date | null }> {
  private readonly lastWrites = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<E>,
  ) {}

  record(id: string): void {
    const now = Date.now();
    if (now - (this.lastWrites.get(id) ?? 0) < WRITE_INTERVAL_MS) return;
    this.lastWrites.set(id, now);
    if (this.lastWrites.size > TRACKED_LIMIT) this.lastWrites.clear();
    void this.dataSource
      .getRepository(this.entity)
      .update(id, { lastUsedAt: new Date(now) } as never)
      .catch(() => this.lastWrites.delete(id));
  }
}
