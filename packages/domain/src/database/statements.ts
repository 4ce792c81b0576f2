import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import type { DomainLogger } from '../types.js';
import { redactBoundValues } from './errors.js';

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
 * SQLSTATEs that mean connections do not each have a session of their own, as behind a
 * transaction-mode pooler without prepared-statement support: a name another client prepared in the
 * same session (42P05 duplicate_prepared_statement), or a name this connection prepared on a session
 * it no longer has (26000 invalid_sql_statement_name). Both are raised before anything executes.
 */
const SESSION_NOT_OURS = new Set(['42P05', '26000']);

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
 * Each distinct text is named after its hash, so each connection parses and plans it once and then
 * sends only the values, and a name means the same text in every process sharing a database. Where
 * connections share sessions (PgBouncer in transaction mode before 1.21 or without
 * `max_prepared_statements`; the test harness's PGlite), the first conflict turns naming off for the
 * rest of the process, with a warning, and that statement runs again unnamed.
 */
export class Statements {
  private readonly names = new Map<string, string>();
  private prepared = true;

  private constructor(
    private readonly pool: Pool,
    private readonly logger: DomainLogger | undefined,
  ) {}

  /** Statements on the data source's pool; `embedded` when that pool reaches PGlite. */
  static async open(
    dataSource: DataSource,
    { embedded, logger }: { embedded: boolean; logger?: DomainLogger | undefined },
  ): Promise<Statements> {
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
    return new Statements(pool, logger);
  }

  /** The rows `text` returns for `values` (`$1`, `$2`, … in the text). */
  async rows<Row>(text: string, values: unknown[]): Promise<Row[]> {
    return (await this.run<Row>(text, values)).rows;
  }

  /** How many rows `text` wrote (an UPDATE or DELETE without RETURNING). */
  async affected(text: string, values: unknown[]): Promise<number> {
    return (await this.run(text, values)).rowCount ?? 0;
  }

  private async run<Row>(text: string, values: unknown[]) {
    const name = this.prepared ? this.nameOf(text) : undefined;
    try {
      if (name === undefined) return await this.pool.query<Row>({ text, values });
      return await this.runNamed<Row>(name, text, values);
    } catch (error) {
      // node-postgres's errors do not carry the values; this is the last place that knows them.
      redactBoundValues(error, values);
      throw error;
    }
  }

  private async runNamed<Row>(name: string, text: string, values: unknown[]) {
    try {
      return await this.pool.query<Row>({ name, text, values });
    } catch (error) {
      if (!SESSION_NOT_OURS.has((error as { code?: unknown }).code as string)) throw error;
      if (this.prepared) {
        this.prepared = false;
        this.logger?.warn(
          'The database shares sessions between connections (a transaction-mode pooler?): ' +
            'running statements unprepared from now on',
        );
      }
      return this.pool.query<Row>({ text, values });
    }
  }

  private nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < MAX_PREPARED) {
      name = `rosetta_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
      this.names.set(text, name);
    }
    return name;
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
