/**
 * Organizations and routing keys known to lead nowhere, answered 404 without a database lookup for a while
 * (platform-domain §5.2 `UnknownSourceCache`). Bounded: the oldest entries go first when it is full, so a
 * flood of made-up keys cannot grow it without limit.
 */
export class UnknownSourceCache {
  private readonly entries = new Map<string, { readonly rememberedAt: number; readonly expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  has(orgId: string, routingKey: string): boolean {
    const key = `${orgId} ${routingKey}`;
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    if (entry.expiresAt > this.now()) return true;
    this.entries.delete(key);
    return false;
  }

  remember(orgId: string, routingKey: string): void {
    if (this.ttlMs <= 0) return;
    const key = `${orgId} ${routingKey}`;
    this.entries.delete(key);
    const now = this.now();
    this.entries.set(key, { rememberedAt: now, expiresAt: now + this.ttlMs });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /**
   * An orchestrator of the organization registered sources at `registeredAt`: what was unknown before then
   * may now be routable. Answers learnt after it (an orchestrator's "unknown source" to a relay) stand.
   */
  forgetOrg(orgId: string, registeredAt: number = this.now()): void {
    const prefix = `${orgId} `;
    for (const [key, entry] of this.entries) if (key.startsWith(prefix) && entry.rememberedAt <= registeredAt) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
