import { StatementBatcher, type StatementBatcherOptions } from './statement-batcher.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const until = async (condition: () => boolean): Promise<void> => {
  for (let turns = 0; !condition(); turns++) {
    if (turns > 100) throw new Error('condition never held');
    await tick();
  }
};

/** A batcher whose batches are recorded and each held until its gate is opened (`gates.shift()!()`). */
function gatedBatcher<Result>(options: StatementBatcherOptions<number>, result: (item: number) => Result) {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const batcher = new StatementBatcher<number, Result>(async (items) => {
    batches.push([...items]);
    await new Promise<void>((resolve) => gates.push(resolve));
    return items.map(result);
  }, options);
  return { batcher, batches, gates };
}

describe('StatementBatcher', () => {
  it('runs a lone item at once, and what arrives while the batches run as one next batch', async () => {
    const { batcher, batches, gates } = gatedBatcher({ maxBatch: 100, maxInFlight: 1 }, (item) => `r${item}`);
    const first = batcher.submit(1);
    await tick();
    expect(batches).toEqual([[1]]);
    const rest = [2, 3, 4].map((item) => batcher.submit(item));
    await tick();
    expect(batcher.waiting).toBe(3); // the only slot is busy
    gates.shift()!();
    expect(await first).toBe('r1');
    await until(() => batches.length === 2);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    gates.shift()!();
    expect(await Promise.all(rest)).toEqual(['r2', 'r3', 'r4']);
  });

  it('keeps batches within maxBatch and runs up to maxInFlight of them together', async () => {
    const sizes: number[] = [];
    let running = 0;
    let mostRunning = 0;
    const batcher = new StatementBatcher<number, number>(
      async (items) => {
        sizes.push(items.length);
        mostRunning = Math.max(mostRunning, ++running);
        await tick();
        running--;
        return items.map((item) => item * 2);
      },
      { maxBatch: 4, maxInFlight: 2 },
    );
    const results = await Promise.all(Array.from({ length: 10 }, (_, item) => batcher.submit(item)));
    expect(results).toEqual(Array.from({ length: 10 }, (_, item) => item * 2));
    expect(sizes).toEqual([4, 4, 2]);
    expect(mostRunning).toBe(2);
  });

  it('keeps batches within maxBytes, taking an oversized item on its own', async () => {
    const sizes: number[][] = [];
    const batcher = new StatementBatcher<number, number>(
      async (items) => {
        sizes.push([...items]);
        return [...items];
      },
      { maxBatch: 100, maxInFlight: 1, maxBytes: 10, bytesOf: (item) => item },
    );
    await Promise.all([4, 4, 4, 50, 1, 1].map((item) => batcher.submit(item)));
    expect(sizes).toEqual([[4, 4], [4], [50], [1, 1]]);
  });

  it('lets a batch wait lingerMs for company, but never once it is full', async () => {
    const batches: number[][] = [];
    const batcher = new StatementBatcher<number, number>(
      async (items) => {
        batches.push([...items]);
        return [...items];
      },
      { maxBatch: 3, maxInFlight: 1, lingerMs: 30 },
    );
    const lingered = batcher.submit(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const joined = batcher.submit(2);
    await Promise.all([lingered, joined]);
    expect(batches).toEqual([[1, 2]]);

    const startedAt = Date.now();
    await Promise.all([4, 5, 6].map((item) => batcher.submit(item)));
    expect(Date.now() - startedAt).toBeLessThan(25);
    expect(batches).toEqual([[1, 2], [4, 5, 6]]);
  });

  it('fails every item of a failed batch, and carries on with the next', async () => {
    let fail = true;
    const batcher = new StatementBatcher<string, string>(
      async (items) => {
        if (fail) throw new Error('boom');
        return items.map((item) => item.toUpperCase());
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const failed = [batcher.submit('a'), batcher.submit('b')].map((promise) => promise.catch((error: Error) => error.message));
    expect(await Promise.all(failed)).toEqual(['boom', 'boom']);
    fail = false;
    expect(await batcher.submit('c')).toBe('C');
  });

  it('refuses a batch that returned the wrong number of results', async () => {
    const batcher = new StatementBatcher<number, number>(async () => [], { maxBatch: 10, maxInFlight: 1 });
    await expect(batcher.submit(1)).rejects.toThrow('returned 0 results');
  });

  it('settles at once when idle, and otherwise once everything submitted has run, cutting a linger short', async () => {
    const { batcher, batches, gates } = gatedBatcher({ maxBatch: 10, maxInFlight: 1, lingerMs: 60_000 }, (item) => item);
    await batcher.settle();

    const items = [batcher.submit(1), batcher.submit(2)];
    let settled = false;
    const settling = batcher.settle().then(() => (settled = true));
    await until(() => batches.length === 1);
    expect(batches).toEqual([[1, 2]]); // started without waiting out the minute's linger
    items.push(batcher.submit(3)); // arrives while the only slot is busy
    gates.shift()!();
    await until(() => batches.length === 2);
    expect(batches[1]).toEqual([3]);
    await tick();
    expect(settled).toBe(false); // item 3 still running
    gates.shift()!();
    await settling;
    expect(await Promise.all(items)).toEqual([1, 2, 3]);
  });
});
