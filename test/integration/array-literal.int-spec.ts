import pg from 'pg';
import { arrayLiteral } from '../../src/shared/database/array-literal.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** PostgreSQL reads each array text back as the values it was written from, as it reads pg's own. */
describe('arrayLiteral', () => {
  let db: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  /** What PostgreSQL reads from our text and from pg's for the same values, as text elements. */
  const readBack = async (type: string, values: readonly unknown[]): Promise<{ ours: unknown; pgs: unknown }> => {
    const { rows } = await client.query<{ ours: unknown; pgs: unknown }>(`SELECT $1::${type}[]::text[] AS ours, $2::${type}[]::text[] AS pgs`, [arrayLiteral(values), values]);
    return rows[0]!;
  };

  it('writes strings PostgreSQL reads back unchanged: quotes, backslashes, separators, braces, blanks, the word NULL, unicode', async () => {
    const strings = ['', 'plain', 'with "quotes"', 'back\\slash', '\\"', '"', '\\', 'a,b', '{brace}', '}', 'NULL', 'null', '  spaced  ', 'new\nline\ttab', 'ünïcödé 🎉', null];
    const { rows } = await client.query<{ back: (string | null)[] }>('SELECT $1::varchar[] AS back', [arrayLiteral(strings)]);
    expect(rows[0]!.back).toEqual(strings);
    const { ours, pgs } = await readBack('varchar', strings);
    expect(ours).toEqual(pgs);
  });

  it('writes numbers, booleans, instants and bytes as pg does', async () => {
    for (const [type, values] of [
      ['integer', [0, -1, 2147483647, null]],
      ['smallint', [32767, -32768]],
      ['bigint', [9007199254740993n, -5n]],
      ['numeric', [1.5, -0.25]],
      ['boolean', [true, false, null]],
      ['timestamptz', [new Date(0), new Date('2026-11-29T15:00:00.123Z'), new Date('0001-01-01T00:00:00Z'), new Date('9999-12-31T23:59:59.999Z'), null]],
      ['bytea', [Buffer.from([0, 1, 0x5c, 0x22, 255]), Buffer.alloc(0), null]],
      ['uuid', ['019a0000-0000-7000-8000-000000000001']],
    ] as const) {
      const { ours, pgs } = await readBack(type, values);
      expect({ type, read: ours }).toEqual({ type, read: pgs });
    }
    const { rows } = await client.query<{ at: Date[] }>('SELECT $1::timestamptz[] AS at', [arrayLiteral([new Date('2026-11-29T15:00:00.123Z')])]);
    expect(rows[0]!.at[0]!.toISOString()).toBe('2026-11-29T15:00:00.123Z');
  });

  it('writes an empty array, and refuses what PostgreSQL could not read back as given', () => {
    expect(arrayLiteral([])).toBe('{}');
    expect(() => arrayLiteral([new Date(Number.NaN)])).toThrow(RangeError);
    expect(() => arrayLiteral([new Date('+010000-01-01T00:00:00Z')])).toThrow(RangeError);
    expect(() => arrayLiteral([{ a: 1 }])).toThrow(TypeError);
    expect(() => arrayLiteral([['nested']])).toThrow(TypeError);
  });
});
