interface Deferred {
  readonly promise: Promise<void>;
  readonly resolve: () => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

interface KeyState {
  /** Resolves when the run under way has finished; null when none is. */
  current: Deferred | null;
  /** Set by a wake since the current run started (or while none ran): one more run is owed; it resolves when that run has finished. */
  next: Deferred | null;
  /** The owed run waits out the linger before it is queued. */
  lingering: NodeJS.Timeout | null;
}

export interface CoalescingWakeQueueOptions {
  /**
   * How long an owed run waits before it is queued, so the wakes of that while join it: under a steady
   * stream of wakes a key runs at most about once per linger, each run doing that much more. 0: at once.
   */
  readonly lingerMs?: number;
}

/**
 * Runs `work(key)` for the keys that are woken: never twice at once for one key, at most `concurrency`
 * keys at once. Wakes that arrive while a key's work runs fold into one more run after it, which then sees
 * everything that happened meanwhile; so a burst of wakes costs two runs, not one per wake. With a linger,
 * each owed run first waits that long, gathering the wakes meanwhile. A failing run is handed to `onError`
 * and the key runs again at its next wake.
 */
export class CoalescingWakeQueue {
  private readonly keys = new Map<string, KeyState>();
  /** Keys owed a run and not running, in wake order. */
  private readonly queued = new Set<string>();
  private runningCount = 0;
  private closed = false;
  private readonly lingerMs: number;

  constructor(
    private readonly work: (key: string) => Promise<void>,
    private readonly concurrency: number,
    private readonly onError: (key: string, error: unknown) => void,
    { lingerMs = 0 }: CoalescingWakeQueueOptions = {},
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be a positive integer, got ${concurrency}`);
    if (!Number.isFinite(lingerMs) || lingerMs < 0) throw new Error(`lingerMs must be a non-negative number, got ${lingerMs}`);
    this.lingerMs = lingerMs;
  }

  /** Asks for a run of `key` that starts after this call; resolves when it has finished (failed runs too). */
  wake(key: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    let state = this.keys.get(key);
    if (!state) {
      state = { current: null, next: null, lingering: null };
      this.keys.set(key, state);
    }
    const fresh = state.next === null;
    state.next ??= deferred();
    const owed = state.next.promise;
    if (fresh && !state.current) this.owe(key, state);
    return owed;
  }

  /**
   * Stops taking wakes and resolves when the runs under way and every run owed so far have finished; owed
   * runs still lingering are queued at once.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const [key, state] of this.keys) {
      if (!state.lingering) continue;
      clearTimeout(state.lingering);
      state.lingering = null;
      this.queued.add(key);
    }
    this.pump();
    await Promise.all([...this.keys.values()].flatMap((state) => [state.current?.promise, state.next?.promise]));
  }

  /** Queues the run `key` is owed, after the linger unless closing. */
  private owe(key: string, state: KeyState): void {
    if (this.lingerMs === 0 || this.closed) {
      this.queued.add(key);
      this.pump();
      return;
    }
    state.lingering = setTimeout(() => {
      state.lingering = null;
      this.queued.add(key);
      this.pump();
    }, this.lingerMs);
  }

  private pump(): void {
    for (const key of this.queued) {
      if (this.runningCount >= this.concurrency) return;
      this.queued.delete(key);
      void this.run(key);
    }
  }

  private async run(key: string): Promise<void> {
    const state = this.keys.get(key)!;
    const done = state.next!;
    state.next = null;
    state.current = done;
    this.runningCount += 1;
    try {
      await this.work(key);
    } catch (error) {
      this.onError(key, error);
    } finally {
      state.current = null;
      this.runningCount -= 1;
      if (state.next) this.owe(key, state);
      else this.keys.delete(key);
      done.resolve();
      this.pump();
    }
  }
}
