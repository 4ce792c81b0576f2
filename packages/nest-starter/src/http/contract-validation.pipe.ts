import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import {
  createAjv,
  failures,
  type OperationId,
  operations,
  toValidationErrors,
  type ValidationError,
} from '@rosetta/shared-contract';
import { ProblemException } from './problem.exception.js';

// One Ajv per request part, with the contract's Ajv options (shared-contract's ajvOptions).
const ajv = { body: createAjv('body'), parameters: createAjv('parameters') };

// Typed through shared-contract rather than `ajv`: the hoisted `ajv` here is another major version.
type Check = ((data: unknown) => boolean) & {
  errors?: Parameters<typeof toValidationErrors>[0] | null;
};

/**
 * Checks a handler's `@Param()`, `@Query()` and `@Body()` against the contract's schemas for one
 * operation, compiled once when the route is declared, and answers 422 listing every violation. Nest
 * hands a pipe one argument at a time, so a request that breaks two parts at once (a bad path id and a
 * bad body) hears about the first only, where one check of the whole request would list both. What the pipe returns is what
 * the handler gets: the query coerced to the schema's types, with defaults applied.
 */
export class ContractValidationPipe implements PipeTransform {
  private readonly params?: Check;
  private readonly query?: Check;
  private readonly body?: Check;

  constructor(operationId: OperationId) {
    const spec = operations[operationId];
    if (spec.params) this.params = ajv.parameters.compile(spec.params);
    if (spec.query) this.query = ajv.parameters.compile(spec.query);
    if (spec.body) this.body = ajv.body.compile(spec.body);
  }

  transform(value: unknown, { type, data }: ArgumentMetadata): unknown {
    if (type === 'body' && this.body) {
      return check(this.body, value, 'body');
    }
    if (type === 'query' && this.query) {
      // A copy, because coercion and defaults write into the object they check.
      return check(this.query, { ...(value as object) }, 'query');
    }
    if (type === 'param' && this.params) {
      // No path in the contract has more than one parameter, so `@Param('id')` is checked as `{ id }`.
      if (data === undefined) return check(this.params, { ...(value as object) }, 'params');
      return (check(this.params, { [data]: value }, 'params') as Record<string, unknown>)[data];
    }
    return value;
  }
}

function check(validate: Check, value: unknown, location: 'body' | 'query' | 'params'): unknown {
  if (validate(value)) return value;
  const errors: ValidationError[] = toValidationErrors(validate.errors ?? [], location);
  throw new ProblemException(...failures.invalidRequest, {
    errors,
  });
}
