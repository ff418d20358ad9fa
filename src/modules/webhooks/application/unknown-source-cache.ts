/**
 * Organizations and routing keys known to lead nowhere, answered 404 without a database lookup for a while
 * (platform-domain §5.2 `UnknownSourceCache`). Bounded: the oldest entries go first when it is full, so a
 * flood of made-up keys cannot grow it without limit.
 */
export class UnknownSourceCache {
  private readonly entries = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  has(orgId: string, routingKey: string): boolean {
    const key = `${orgId} ${routingKey}`;
    const expiresAt = this.entries.get(key);
    if (expiresAt === undefined) return false;
    if (expiresAt > this.now()) return true;
    this.entries.delete(key);
    return false;
  }

  remember(orgId: string, routingKey: string): void {
    if (this.ttlMs <= 0) return;
    const key = `${orgId} ${routingKey}`;
    this.entries.delete(key);
    this.entries.set(key, this.now() + this.ttlMs);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** An orchestrator of the organization registered sources: what was unknown may now be routable. */
  forgetOrg(orgId: string): void {
    const prefix = `${orgId} `;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
