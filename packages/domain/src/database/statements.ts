import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/** The part of node-postgres's pool this module uses. */
interface Pool {
  on(event: 'connect', listener: (client: { query(text: string): Promise<unknown> }) => void): void;
  query<Row>(config: { name?: string; text: string; values: unknown[] }): Promise<{
    rows: Row[];
    rowCount: number | null;
  }>;
}

/**
 * More distinct statement texts than the hot paths can build (a listing's shape is its sort, its
 * filters and whether it has a cursor: a few hundred at most). Past it, texts run unnamed, so a bug
 * that puts a value into the text cannot grow every connection's statement cache without bound.
 */
const MAX_PREPARED = 1_000;

/**
 * Runs the hot operations' SQL as prepared statements on the pool TypeORM opened for the data source.
 *
 * Measured on a 2-core machine, a query through TypeORM's query runner cost about 85 µs of CPU and
 * a primary-key lookup through `manager.findOne` about 120 µs, against about 40 µs for the same
 * statement on the pool itself: the runner's per-call set-up, the query builder and hydration, not
 * PostgreSQL, were most of a request. TypeORM has no prepared statements, so these go to its pool
 * directly; they use its connections, settings and timeouts, and TypeORM keeps the entities, the
 * migrations and every operation that is not on a request's hot path.
 *
 * Each distinct text gets a name, so each connection parses and plans it once and afterwards sends
 * only the values. (A pooler in transaction mode, such as PgBouncer, must support prepared
 * statements for this: PgBouncer 1.21 or later with `max_prepared_statements` set.)
 */
export class Statements {
  private readonly pool: Pool;
  private readonly names = new Map<string, string>();

  private constructor(pool: Pool) {
    this.pool = pool;
  }

  /** Statements on the data source's pool; `embedded` when that pool reaches PGlite. */
  static async open(dataSource: DataSource, { embedded }: { embedded: boolean }) {
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    if (embedded) {
      // PGlite is one backend session that outlives the socket a client reached it through: a client
      // that reconnects (after the pool closed an idle one, say) would find the statements the last
      // one prepared still there, and fail to prepare them again. So every new connection starts by
      // dropping them (queued before its first query; if it fails, the connection is broken and that
      // query fails too), and so does the connection the data source has already opened (embedded
      // mode has a pool of one).
      pool.on('connect', (client) => void client.query('DEALLOCATE ALL').catch(() => {}));
      await pool.query({ text: 'DEALLOCATE ALL', values: [] });
    }
    return new Statements(pool);
  }

  /** The rows `text` returns for `values` (`$1`, `$2`, … in the text). */
  async rows<Row>(text: string, values: unknown[]): Promise<Row[]> {
    return (await this.pool.query<Row>({ ...this.nameOf(text), text, values })).rows;
  }

  /** How many rows `text` wrote (an UPDATE or DELETE without RETURNING). */
  async affected(text: string, values: unknown[]): Promise<number> {
    return (await this.pool.query({ ...this.nameOf(text), text, values })).rowCount ?? 0;
  }

  private nameOf(text: string): { name?: string } {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < MAX_PREPARED) {
      name = `rosetta_${this.names.size + 1}`;
      this.names.set(text, name);
    }
    return name === undefined ? {} : { name };
  }
}

/** Collects a statement's values and hands out their placeholders, in order. */
export class Values {
  readonly list: unknown[] = [];

  /** The placeholder (`$n`) for one more value. */
  add(value: unknown): string {
    this.list.push(value);
    return `$${this.list.length}`;
  }
}
