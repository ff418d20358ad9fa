import { CoalescingWakeQueue } from './coalescing-wake-queue.js';

/** Work whose runs stay open until the test ends them, one at a time. */
function gatedWork() {
  const started: string[] = [];
  const gates: (() => void)[] = [];
  const work = (key: string): Promise<void> => {
    started.push(key);
    return new Promise((resolve) => gates.push(resolve));
  };
  const finishOldest = async (): Promise<void> => {
    gates.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { started, work, finishOldest, open: () => gates.length };
}

describe('CoalescingWakeQueue', () => {
  it('runs a woken key at once and folds the wakes during its run into one more run', async () => {
    const { started, work, finishOldest } = gatedWork();
    const queue = new CoalescingWakeQueue(work, 2, () => undefined);
    const first = queue.wake('a');
    const during = [queue.wake('a'), queue.wake('a'), queue.wake('a')];
    expect(started).toEqual(['a']);
    await finishOldest();
    await first;
    expect(started).toEqual(['a', 'a']);
    await finishOldest();
    await Promise.all(during);
    expect(started).toEqual(['a', 'a']);
  });

  it('resolves a wake only after a run that started after it', async () => {
    const { work, finishOldest } = gatedWork();
    const queue = new CoalescingWakeQueue(work, 1, () => undefined);
    void queue.wake('a');
    let settled = false;
    void queue.wake('a').then(() => (settled = true));
    await finishOldest();
    expect(settled).toBe(false);
    await finishOldest();
    expect(settled).toBe(true);
  });

  it('never runs more keys at once than its concurrency, and takes waiting keys in wake order', async () => {
    const { started, work, finishOldest, open } = gatedWork();
    const queue = new CoalescingWakeQueue(work, 2, () => undefined);
    for (const key of ['a', 'b', 'c', 'd']) void queue.wake(key);
    expect(started).toEqual(['a', 'b']);
    await finishOldest();
    expect(started).toEqual(['a', 'b', 'c']);
    expect(open()).toBe(2);
    await finishOldest();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reports a failed run and runs the key again at its next wake', async () => {
    const errors: string[] = [];
    let calls = 0;
    const queue = new CoalescingWakeQueue(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database down');
      },
      1,
      (key, error) => errors.push(`${key}: ${(error as Error).message}`),
    );
    await queue.wake('a');
    expect(errors).toEqual(['a: database down']);
    await queue.wake('a');
    expect(calls).toBe(2);
  });

  it('on close finishes the runs owed and ignores later wakes', async () => {
    const { started, work, finishOldest } = gatedWork();
    const queue = new CoalescingWakeQueue(work, 1, () => undefined);
    void queue.wake('a');
    void queue.wake('b');
    let closed = false;
    void queue.close().then(() => (closed = true));
    await queue.wake('c');
    await finishOldest();
    expect(closed).toBe(false);
    await finishOldest();
    expect(closed).toBe(true);
    expect(started).toEqual(['a', 'b']);
  });

  it('on close waits for the run under way, even with no wake owed after it', async () => {
    const { work, finishOldest } = gatedWork();
    const queue = new CoalescingWakeQueue(work, 1, () => undefined);
    void queue.wake('a');
    let closed = false;
    void queue.close().then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    await finishOldest();
    expect(closed).toBe(true);
  });

  it('refuses a concurrency below one', () => {
    expect(() => new CoalescingWakeQueue(async () => undefined, 0, () => undefined)).toThrow(/positive integer/);
  });

  describe('with a linger', () => {
    const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

    it('waits the linger before a run, and the wakes meanwhile join that one run', async () => {
      const { started, work, finishOldest } = gatedWork();
      const queue = new CoalescingWakeQueue(work, 2, () => undefined, { lingerMs: 40 });
      const wakes = [queue.wake('a'), queue.wake('a')];
      await sleep(10);
      wakes.push(queue.wake('a'));
      expect(started).toEqual([]);
      await sleep(60);
      expect(started).toEqual(['a']);
      await finishOldest();
      await Promise.all(wakes);
      expect(started).toEqual(['a']);
    });

    it('lingers again before the run owed by wakes during a run', async () => {
      const { started, work, finishOldest } = gatedWork();
      const queue = new CoalescingWakeQueue(work, 2, () => undefined, { lingerMs: 40 });
      void queue.wake('a');
      await sleep(60);
      const during = queue.wake('a');
      await finishOldest();
      expect(started).toEqual(['a']);
      await sleep(60);
      expect(started).toEqual(['a', 'a']);
      await finishOldest();
      await during;
    });

    it('on close runs what is lingering at once', async () => {
      const { started, work, finishOldest } = gatedWork();
      const queue = new CoalescingWakeQueue(work, 2, () => undefined, { lingerMs: 60_000 });
      const owed = queue.wake('a');
      const closed = queue.close();
      expect(started).toEqual(['a']);
      await finishOldest();
      await Promise.all([owed, closed]);
    });

    it('refuses a negative linger', () => {
      expect(() => new CoalescingWakeQueue(async () => undefined, 1, () => undefined, { lingerMs: -1 })).toThrow(/non-negative/);
    });
  });
});
