import { InvalidInputError } from '../errors.js';

/** The contract's page-size bounds (`components.parameters.Limit`). */
const PAGE_SIZE = { min: 1, max: 100, default: 20 } as const;

/**
 * The page size to query with. The schema already bounds `limit`, but Ajv's type coercion turns
 * `?limit=Infinity` (or `1e309`) into a number its `minimum`/`maximum` checks skip, and TypeORM writes
 * the limit into the SQL text: a non-finite one there is a database error, not a page. So the domain
 * checks it again, and answers the 422 the schema meant to.
 */
export function pageSize(limit: number | undefined): number {
  if (limit === undefined) return PAGE_SIZE.default;
  if (!Number.isSafeInteger(limit) || limit < PAGE_SIZE.min || limit > PAGE_SIZE.max) {
    throw new InvalidInputError([
      {
        parameter: 'limit',
        detail: `must be an integer from ${PAGE_SIZE.min} to ${PAGE_SIZE.max}`,
      },
    ]);
  }
  return limit;
}
