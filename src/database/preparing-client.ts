import pg from 'pg';
import { PLANNED_EACH_TIME } from '../shared/database/planned-each-time.js';

/**
 * Statements one connection keeps prepared. The Platform's parameterized statements are a few hundred
 * fixed texts (TypeORM writes the same text for the same query shape); past this, new texts run unnamed,
 * so a statement built with varying text can never grow a server backend's memory without bound.
 */
export const MAX_PREPARED_PER_CONNECTION = 256;

/**
 * Errors after which a name no longer stands for its statement on this connection: it does not exist
 * (26000), or its cached plan no longer fits the table (0A000, after a schema change by another replica's
 * migration). The text is prepared again, under a new name, the next time it runs.
 */
const STALE_STATEMENT = new Set(['26000', '0A000']);

/**
 * The pool's client: every parameterized statement runs as a named prepared statement, prepared the first
 * time its text runs on a connection. PostgreSQL then parses and plans each text once per connection
 * instead of at every execution, which was over a quarter of its CPU per audited edit (531–562 →
 * 380–395 µs an edit, PostgreSQL on its own core). Statements without parameters (DDL, migrations,
 * BEGIN/COMMIT) and those marked `PLANNED_EACH_TIME` run unnamed. Every call with a text and no callback
 * goes out as `sendQuery` builds it; query objects and callback calls are sent as they were. pg knows
 * which names it has already sent on the connection, pipelined ones included.
 */
export class PreparingClient extends pg.Client {
  private readonly names = new Map<string, string>();
  private issued = 0;

  /** The name `text` runs under on this connection, if it is (or may now be) prepared. */
  nameFor(text: string): string | undefined {
    if (text.startsWith(PLANNED_EACH_TIME)) return undefined;
    const known = this.names.get(text);
    if (known || this.names.size >= MAX_PREPARED_PER_CONNECTION) return known;
    const name = `kici_s${++this.issued}`;
    this.names.set(text, name);
    return name;
  }

  /** After `error`, is the name of `text` still good? If not, it is dropped and prepared afresh next time. */
  forgetIfStale(text: string, error: unknown): void {
    if (STALE_STATEMENT.has((error as { code?: string } | null)?.code ?? '')) this.names.delete(text);
  }
}

type QueryCallback = (error: Error | null, result: pg.QueryResult) => void;

/**
 * Sends `text` (under `name` when given) on `client` and resolves to its result. The query is built from
 * its text and values with its callback, and named afterwards, rather than as `pg` builds the query of a
 * call without a callback:
 * - `pg` copies a `{ name, text, values }` object through its property descriptors before reading it
 *   (≈ 1.5 µs a statement, against ≈ 0.02 µs for a text; microbenchmark, Node 24, pg 8.23);
 * - `pg` sets the callback of a promised query after building it, and a query given its callback that way
 *   kept its values alive past young-generation collections: a standalone loop of 100-row INSERTs promoted
 *   1.87–2.07 MB to the old generation at each scavenge that way, 69–86 KB with the callback given at
 *   construction, whether or not the query was named after (`--trace-gc-nvp`, Node 24, pg 8.23).
 */
function sendQuery(client: pg.Client, text: string, values: unknown[] | undefined, name: string | undefined): Promise<pg.QueryResult> {
  return new Promise<pg.QueryResult>((resolve, reject) => {
    const answer: QueryCallback = (error, result) => (error ? reject(error) : resolve(result));
    // `pg`'s typings leave out the callback argument and the `name` field it reads at submission.
    const query = new (pg.Query as unknown as new (text: string, values: unknown[] | undefined, callback: QueryCallback) => pg.Query & { name?: string })(text, values, answer);
    if (name) query.name = name;
    plainQuery.call(client, query);
  });
}

// `query` has a dozen typed overloads; the one form changed here (text, optional values, no callback) is routed by hand.
const plainQuery = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
(PreparingClient.prototype as unknown as { query: (this: PreparingClient, ...args: unknown[]) => unknown }).query = function (...args: unknown[]): unknown {
  const [text, values, callback] = args;
  if (typeof text !== 'string' || callback !== undefined || (values !== undefined && !Array.isArray(values))) return plainQuery.apply(this, args);
  const name = values !== undefined && values.length > 0 ? this.nameFor(text) : undefined;
  const answered = sendQuery(this, text, values, name);
  return name
    ? answered.catch((error: unknown) => {
        this.forgetIfStale(text, error);
        throw error;
      })
    : answered;
};
