import type { EntityManager } from 'typeorm';

/**
 * The rows of one statement on a transaction's connection, whatever kind of statement it is. TypeORM's
 * `manager.query` returns an UPDATE's or DELETE's rows in a different shape from a SELECT's; the
 * structured result has them in one place for all.
 */
export async function queryRows<Row = Record<string, unknown>>(
  manager: EntityManager,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  return ((await manager.queryRunner!.query(text, values, true)) as { records: Row[] }).records;
}
