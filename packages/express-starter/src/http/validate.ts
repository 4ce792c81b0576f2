import type { RequestHandler } from 'express';
import {
  createAjv,
  failures,
  type OperationId,
  operations,
  toValidationErrors,
  type ValidationError,
} from '@rosetta/shared-contract';
import { sendProblem } from './problem.js';

declare module 'express-serve-static-core' {
  interface Locals {
    /**
     * The query string as the contract reads it: coerced to the schema's types, defaults applied.
     * Express 5's `req.query` is a getter that re-parses the URL on every read and has no setter, so
     * the validated copy cannot replace it; `res.locals` is Express's documented per-request store.
     */
    query?: Record<string, unknown>;
  }
}

// One Ajv per request part, with the contract's Ajv options (shared-contract's ajvOptions).
const ajv = { body: createAjv('body'), parameters: createAjv('parameters') };

/**
 * Checks path, query and body against the contract's schemas for `operationId`, compiled once when the
 * route is declared, and answers 422 listing every violation in all three parts. Put it after
 * `jsonBody` on routes that take a body.
 */
export function validate(operationId: OperationId): RequestHandler {
  const spec = operations[operationId];
  const params = spec.params && ajv.parameters.compile(spec.params);
  const query = spec.query && ajv.parameters.compile(spec.query);
  const body = spec.body && ajv.body.compile(spec.body);

  return (req, res, next) => {
    const errors: ValidationError[] = [];
    // Copies, because coercion and defaults write into the object they check.
    if (params && !params({ ...req.params })) errors.push(...errorsOf(params, 'params'));
    if (query) {
      const values: Record<string, unknown> = { ...req.query };
      if (query(values)) res.locals.query = values;
      else errors.push(...errorsOf(query, 'query'));
    }
    if (body && !body(req.body)) errors.push(...errorsOf(body, 'body'));

    if (errors.length > 0) {
      sendProblem(res, ...failures.invalidRequest, { errors });
      return;
    }
    next();
  };
}

// Typed through shared-contract rather than `ajv`: the hoisted `ajv` here is another major version.
type Check = { errors?: Parameters<typeof toValidationErrors>[0] | null };

function errorsOf(check: Check, location: 'body' | 'query' | 'params'): ValidationError[] {
  return toValidationErrors(check.errors ?? [], location);
}
