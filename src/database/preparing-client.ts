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
 * BEGIN/COMMIT), those marked `PLANNED_EACH_TIME`, query objects and callback calls are sent as they were.
 * pg knows which names it has already sent on the connection, pipelined ones included.
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

type Settle = (error: (Error & { code?: string }) | null, result?: unknown) => void;

/**
 * `query` has a dozen typed overloads; the form changed here, `(text)` or `(text, values)` answering a
 * promise, is routed by hand. pg is always given its callback: in its promise form it builds the query and
 * sets the callback afterwards, and a query given its callback that way kept its values alive past
 * young-generation collections (relay load: ≈ 940 KB promoted at each one, against ≈ 12 KB with the
 * callback given when the query is built). Query objects and callers' own callbacks pass through as they were.
 */
const plainQuery = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
(PreparingClient.prototype as unknown as { query: (this: PreparingClient, ...args: unknown[]) => unknown }).query = function (...args: unknown[]): unknown {
  const [text, values, callback] = args;
  if (typeof text !== 'string' || callback !== undefined || (values !== undefined && !Array.isArray(values))) return plainQuery.apply(this, args);
  const name = values !== undefined && values.length > 0 ? this.nameFor(text) : undefined;
  return new Promise((resolve, reject) => {
    const settle: Settle = (error, result) => {
      if (!error) return resolve(result);
      if (name) this.forgetIfStale(text, error);
      reject(error);
    };
    plainQuery.call(this, name ? { name, text, values } : text, name ? undefined : values, settle);
  });
};
