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
}

/**
 * Runs `work(key)` for the keys that are woken: never twice at once for one key, at most `concurrency`
 * keys at once. Wakes that arrive while a key's work runs fold into one more run after it, which then sees
 * everything that happened meanwhile; so a burst of wakes costs two runs, not one per wake. A failing run
 * is handed to `onError` and the key runs again at its next wake.
 */
export class CoalescingWakeQueue {
  private readonly keys = new Map<string, KeyState>();
  /** Keys owed a run and not running, in wake order. */
  private readonly queued = new Set<string>();
  private runningCount = 0;
  private closed = false;

  constructor(
    private readonly work: (key: string) => Promise<void>,
    private readonly concurrency: number,
    private readonly onError: (key: string, error: unknown) => void,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be a positive integer, got ${concurrency}`);
  }

  /** Asks for a run of `key` that starts after this call; resolves when it has finished (failed runs too). */
  wake(key: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    let state = this.keys.get(key);
    if (!state) {
      state = { current: null, next: null };
      this.keys.set(key, state);
    }
    state.next ??= deferred();
    const owed = state.next.promise;
    if (!state.current) this.queued.add(key);
    this.pump();
    return owed;
  }

  /** Stops taking wakes and resolves when the runs under way and every run owed so far have finished. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.keys.values()].flatMap((state) => [state.current?.promise, state.next?.promise]));
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
      if (state.next) this.queued.add(key);
      else this.keys.delete(key);
      done.resolve();
      this.pump();
    }
  }
}
