/**
 * Relays in flight per (organization, routing key) on this replica. A source over its limit is turned away
 * (429) instead of queueing, so a flood from one sender cannot hold the connections and memory others need.
 */
export class SourceConcurrency {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** Takes a slot, or returns null when the source is at its limit; the returned function gives it back. */
  tryAcquire(orgId: string, routingKey: string): (() => void) | null {
    const key = `${orgId} ${routingKey}`;
    const current = this.inFlight.get(key) ?? 0;
    if (current >= this.limit) return null;
    this.inFlight.set(key, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left > 0) this.inFlight.set(key, left);
      else this.inFlight.delete(key);
    };
  }
}
