import { createAjv, operations, type OperationId } from '@rosetta/shared-contract';

// The contract's own schemas, under the strict, non-coercing options bodies are checked with.
const ajv = createAjv('body');
type Validate = ReturnType<typeof ajv.compile>;
const compiled = new Map<string, Validate>();

/**
 * A check of one response body against the contract's schema for `operationId` and `status`: returns
 * what is wrong, or nothing. A fast wrong answer is not a result, so every measured response is checked.
 */
export function contractCheck(
  operationId: OperationId,
  status: number,
): (body: unknown) => string[] {
  const key = `${operationId} ${status}`;
  let validate = compiled.get(key);
  if (!validate) {
    const schema = operations[operationId].responses[String(status)]?.schema;
    if (!schema) throw new Error(`The contract documents no body for ${key}.`);
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  const check = validate;
  return (body) =>
    check(body)
      ? []
      : (check.errors ?? []).map(
          (e) => `${e.instancePath || '(body)'} ${e.message ?? 'is invalid'}`,
        );
}
