/** How big a batch may grow and how many may run at once. */
export interface StatementBatcherOptions<Item> {
  /** Most items one statement carries (PostgreSQL allows 65,535 parameters per statement). */
  readonly maxBatch: number;
  /** Batches running at once; items arriving while all are busy wait for the next one. */
  readonly maxInFlight: number;
  /** Most bytes one statement carries, as `bytesOf` counts them (a batch always takes at least one item). */
  readonly maxBytes?: number;
  readonly bytesOf?: (item: Item) => number;
  /**
   * How long a batch may wait for more items once it could start (default 0: the next turn of the event
   * loop). A full batch never waits.
   */
  readonly lingerMs?: number;
}

interface Waiting<Item, Result> {
  readonly item: Item;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Runs the work of many concurrent callers as one database statement (group commit): each caller submits
 * its item and awaits its own result, which for a write means its row is committed. Items pile up while
 * `maxInFlight` batches run and go together in the next one — one round trip and one WAL flush serving
 * many requests instead of one each. An idle batcher starts on the next turn of the event loop, or after
 * `lingerMs` when trading that much latency for fuller batches is worth it.
 */
export class StatementBatcher<Item, Result> {
  private queue: Waiting<Item, Result>[] = [];
  private inFlight = 0;
  private scheduled = false;
  private lingering: NodeJS.Timeout | undefined;
  private settleWaiters: (() => void)[] = [];

  constructor(
    /** Runs one batch; must return one result per item, in order. A throw fails every item of the batch. */
    private readonly run: (items: readonly Item[]) => Promise<readonly Result[]>,
    private readonly options: StatementBatcherOptions<Item>,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.lingering && this.queue.length >= this.options.maxBatch) {
        clearTimeout(this.lingering);
        this.start();
        return;
      }
      this.schedule();
    });
  }

  /**
   * Resolves once nothing is waiting or running, items submitted meanwhile included; until then batches
   * start without their linger. For shutdown, when nobody awaits the items themselves.
   */
  settle(): Promise<void> {
    if (this.lingering) {
      clearTimeout(this.lingering);
      this.start();
    }
    if (this.idle) return Promise.resolve();
    return new Promise<void>((resolve) => this.settleWaiters.push(resolve));
  }

  private get idle(): boolean {
    return this.queue.length === 0 && this.inFlight === 0;
  }

  /** Items waiting for a batch (not those already running). */
  get waiting(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0 || this.inFlight >= this.options.maxInFlight) return;
    this.scheduled = true;
    // Nobody lingers while someone waits for the batcher to settle.
    const lingerMs = this.settleWaiters.length > 0 ? 0 : (this.options.lingerMs ?? 0);
    // The next turn at the soonest, not now: callers whose I/O completed in the same turn join the same batch.
    if (lingerMs > 0 && this.queue.length < this.options.maxBatch) this.lingering = setTimeout(() => this.start(), lingerMs);
    else setImmediate(() => this.start());
  }

  private start(): void {
    this.scheduled = false;
    this.lingering = undefined;
    this.flush();
  }

  private flush(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.queue.splice(0, this.batchLength());
      this.inFlight++;
      void this.runBatch(batch).finally(() => {
        this.inFlight--;
        this.schedule();
        if (this.idle) for (const resolve of this.settleWaiters.splice(0)) resolve();
      });
    }
  }

  /** How many of the waiting items the next batch takes: up to `maxBatch`, and `maxBytes` if set. */
  private batchLength(): number {
    const { maxBatch, maxBytes, bytesOf } = this.options;
    if (maxBytes === undefined || !bytesOf) return maxBatch;
    let bytes = 0;
    for (let length = 0; length < Math.min(maxBatch, this.queue.length); length++) {
      bytes += bytesOf(this.queue[length]!.item);
      if (bytes > maxBytes) return Math.max(1, length);
    }
    return maxBatch;
  }

  private async runBatch(batch: readonly Waiting<Item, Result>[]): Promise<void> {
    try {
      const results = await this.run(batch.map((waiting) => waiting.item));
      if (results.length !== batch.length) throw new Error(`A batch of ${batch.length} items returned ${results.length} results`);
      batch.forEach((waiting, index) => waiting.resolve(results[index]!));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
}
