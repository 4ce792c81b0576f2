import type { Env, MiddlewareHandler } from 'hono';
import {
  createAjv,
  failures,
  type OperationId,
  operations,
  type OperationTypes,
  toValidationErrors,
  type ValidationError,
} from '@rosetta/shared-contract';
import { problemResponse } from './problem.js';

type Operation<Id extends OperationId> = OperationTypes[Id];

/**
 * What `c.req.valid()` returns after `validate(id)`: the body and the query as the contract types
 * them, so handlers get typed input with no casts, as they would from Hono's `validator()`.
 */
export type Validated<Id extends OperationId> = {
  out: {
    json: Operation<Id> extends { requestBody: { content: { 'application/json': infer Body } } }
      ? Body
      : never;
    query: NonNullable<Operation<Id>['parameters']['query']>;
  };
};

// One Ajv per request part, with the contract's Ajv options (shared-contract's ajvOptions).
const ajv = { body: createAjv('body'), parameters: createAjv('parameters') };

/**
 * Checks path, query and body against the contract's schemas for `operationId`, compiled once when the
 * route is declared, and answers 422 listing every violation in all three parts. Put it after
 * `jsonBody()` on routes that take a body.
 *
 * A plain middleware rather than Hono's `validator()`: that helper validates one part per middleware,
 * so a request bad in both its query and its body would hear only about the first, and its `json`
 * target quietly reads a non-JSON body as `{}`. This stores its results the way `validator()` does,
 * for `c.req.valid('json' | 'query')`.
 */
export function validate<Id extends OperationId>(
  operationId: Id,
): MiddlewareHandler<Env, string, Validated<Id>> {
  const spec = operations[operationId];
  const params = spec.params && ajv.parameters.compile(spec.params);
  const query = spec.query && ajv.parameters.compile(spec.query);
  const body = spec.body && ajv.body.compile(spec.body);

  return async (c, next) => {
    const errors: ValidationError[] = [];
    // Copies, because coercion and defaults write into the object they check.
    if (params && !params({ ...c.req.param() })) errors.push(...errorsOf(params, 'params'));
    if (query) {
      const values = queryValues(c.req.queries());
      if (query(values)) c.req.addValidatedData('query', values);
      else errors.push(...errorsOf(query, 'query'));
    }
    if (body) {
      // jsonBody() has parsed it already; this parses the cached text again.
      const value: unknown = await c.req.json();
      if (body(value)) c.req.addValidatedData('json', value as object);
      else errors.push(...errorsOf(body, 'body'));
    }

    if (errors.length > 0) {
      return problemResponse(c, ...failures.invalidRequest, { errors });
    }
    await next();
  };
}

/** A name given once is a string, a repeated one a list, as Express's query parser reads them. */
function queryValues(queries: Record<string, string[]>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(queries).map(([name, values]) => [
      name,
      values.length === 1 ? values[0] : values,
    ]),
  );
}

// Typed through shared-contract rather than `ajv`: the hoisted `ajv` here is another major version.
type Check = { errors?: Parameters<typeof toValidationErrors>[0] | null };

function errorsOf(check: Check, location: 'body' | 'query' | 'params'): ValidationError[] {
  return toValidationErrors(check.errors ?? [], location);
}
