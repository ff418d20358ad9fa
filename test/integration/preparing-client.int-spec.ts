import { MAX_PREPARED_PER_CONNECTION, PreparingClient } from '../../src/database/preparing-client.js';
import { PLANNED_EACH_TIME } from '../../src/shared/database/planned-each-time.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** The pool's client prepares each parameterized statement once per connection, and recovers when a name goes stale. */
describe('PreparingClient', () => {
  let db: TestDatabase;
  let client: PreparingClient;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  beforeEach(async () => {
    client = new PreparingClient({ connectionString: db.url, pipeline: true } as ConstructorParameters<typeof PreparingClient>[0]);
    await client.connect();
  });

  afterEach(async () => {
    await client?.end();
  });

  afterAll(async () => {
    await db?.drop();
  });

  const prepared = async (): Promise<string[]> =>
    (await client.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements ORDER BY prepare_time')).rows.map((row) => row.statement);

  it('prepares a parameterized statement once and runs it by name after, pipelined calls included; plain statements stay unnamed', async () => {
    const text = 'SELECT $1::int + 1 AS next';
    const answers = await Promise.all([1, 2, 3].map((value) => client.query<{ next: number }>(text, [value])));
    expect(answers.map((answer) => answer.rows[0]!.next)).toEqual([2, 3, 4]);
    expect((await client.query<{ next: number }>(text, [41])).rows[0]!.next).toBe(42);
    await client.query('SELECT 1');
    expect(await prepared()).toEqual([text]);
  });

  it('gives pg its callback for every promised query, named or not, failed or not: the promise form of pg kept the values past young-generation collections', async () => {
    // pg builds its own promise only in its promise form, with the Promise class it was configured with.
    let promisesBuiltByPg = 0;
    class CountingPromise<T> extends Promise<T> {
      constructor(executor: (resolve: (value: T) => void, reject: (reason?: unknown) => void) => void) {
        super(executor);
        promisesBuiltByPg++;
      }
    }
    const counted = new PreparingClient({ connectionString: db.url, pipeline: true, Promise: CountingPromise } as ConstructorParameters<typeof PreparingClient>[0]);
    await counted.connect();
    try {
      promisesBuiltByPg = 0;
      expect((await counted.query<{ n: number }>('SELECT $1::int AS n', [3])).rows[0]!.n).toBe(3);
      expect((await counted.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
      expect((await counted.query<{ n: number }>(`${PLANNED_EACH_TIME}SELECT $1::int AS n`, [4])).rows[0]!.n).toBe(4);
      await expect(counted.query('SELECT $1::int / 0', [1])).rejects.toMatchObject({ code: '22012' });
      await expect(counted.query('SELECT nonsense')).rejects.toMatchObject({ code: '42703' });
      expect(promisesBuiltByPg).toBe(0);
    } finally {
      await counted.end();
    }
  });

  it('leaves a statement marked to be planned each time unprepared', async () => {
    expect((await client.query<{ n: number }>(`${PLANNED_EACH_TIME}SELECT $1::int AS n`, [7])).rows[0]!.n).toBe(7);
    expect(await prepared()).toEqual([]);
  });

  it('keeps at most its cap of statements prepared; texts beyond it still run, unnamed', async () => {
    for (let index = 0; index <= MAX_PREPARED_PER_CONNECTION; index++) {
      expect((await client.query<{ n: number }>(`SELECT $1::int AS n, ${index} AS i`, [index])).rows[0]!.n).toBe(index);
    }
    expect(await prepared()).toHaveLength(MAX_PREPARED_PER_CONNECTION);
  });

  it('prepares a statement again after its name went stale: deallocated, or its plan outdated by a schema change', async () => {
    await client.query('CREATE TABLE prepared_probe (a int)');
    await client.query('INSERT INTO prepared_probe VALUES (1)');
    const select = 'SELECT * FROM prepared_probe WHERE a = $1';
    expect((await client.query(select, [1])).rows).toEqual([{ a: 1 }]);

    await client.query('ALTER TABLE prepared_probe ADD COLUMN b int');
    await expect(client.query(select, [1])).rejects.toMatchObject({ code: '0A000' });
    expect((await client.query(select, [1])).rows).toEqual([{ a: 1, b: null }]);

    await client.query('DEALLOCATE ALL');
    await expect(client.query(select, [1])).rejects.toMatchObject({ code: '26000' });
    expect((await client.query(select, [1])).rows).toEqual([{ a: 1, b: null }]);
  });
});
