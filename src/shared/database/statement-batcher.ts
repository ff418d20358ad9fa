/** How big a batch may grow and how many may run at once. */
export interface StatementBatcherOptions<Item> {
  /** Most items one statement carries (PostgreSQL allows 65,535 parameters per statement). */
  readonly maxBatch: number;
  /** Batches running at once; items arriving while all are busy wait for the next one. */
  readonly maxInFlight: number;
  /** Most bytes one statement carries, as `bytesOf` counts them (a batch always takes at least one item). */
  readonly maxBytes?: number;
  readonly bytesOf?: (item: Item) => number;
}

interface Waiting<Item, Result> {
  readonly item: Item;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Runs the work of many concurrent callers as one database statement (group commit): each caller submits
 * its item and awaits its own result, which for a write means its row is committed. Nothing waits on a
 * timer: an idle batcher runs what it has on the next turn of the event loop, so a lone caller pays one
 * round trip as before; under load, items pile up while `maxInFlight` batches run and go together in the
 * next one — one round trip and one WAL flush serving many requests instead of one each.
 */
export class StatementBatcher<Item, Result> {
  private queue: Waiting<Item, Result>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    /** Runs one batch; must return one result per item, in order. A throw fails every item of the batch. */
    private readonly run: (items: readonly Item[]) => Promise<readonly Result[]>,
    private readonly options: StatementBatcherOptions<Item>,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Items waiting for a batch (not those already running). */
  get waiting(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0 || this.inFlight >= this.options.maxInFlight) return;
    this.scheduled = true;
    // The next turn, not now: callers whose I/O completed in the same turn join the same batch.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.queue.splice(0, this.batchLength());
      this.inFlight++;
      void this.runBatch(batch).finally(() => {
        this.inFlight--;
        this.schedule();
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
