import type { FastifyError, FastifyPluginAsync, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import {
  createAjv,
  type OperationId,
  operations,
  schemaBundle,
  toValidationErrors,
  type ValidationError,
} from '@rosetta/shared-contract';

// One Ajv per request part, with the contract's Ajv options (shared-contract's ajvOptions).
const ajv = { body: createAjv('body'), parameters: createAjv('parameters') };

/**
 * Makes the contract's schemas Fastify's: the bundle is added once, so route schemas and responses
 * can `$ref` its components, and validation compiles with the shared Ajv options. Fastify's own Ajv is
 * wrong for this contract: it coerces bodies (`"1"` would pass as 1), silently removes properties a
 * schema does not allow instead of rejecting them, and stops at the first error.
 */
const contractSchemasPlugin: FastifyPluginAsync = async (fastify) => {
  fastify.addSchema(schemaBundle);
  fastify.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? ajv.body : ajv.parameters).compile(schema),
  );
};

export const contractSchemas = fp(contractSchemasPlugin, { name: 'contract-schemas' });

/**
 * The route `schema` of `operationId`: path, query and body to validate, and every documented response
 * to serialize. Fastify validates before the handler and answers 422 through the error handler. It
 * checks params, then body, then query, and stops at the first part that fails, so a request wrong in
 * two parts hears about one. Responses are written by fast-json-stringify, which keeps only the members
 * a schema names: with the contract's `additionalProperties: false`, a field the domain adds by mistake
 * is dropped rather than leaked.
 */
export function routeSchema(operationId: OperationId): FastifySchema {
  const { params, query, body, responses } = operations[operationId];
  const response = Object.fromEntries(
    Object.entries(responses).flatMap(([status, { schema }]) => (schema ? [[status, schema]] : [])),
  );
  return {
    ...(params && { params }),
    ...(query && { querystring: query }),
    ...(body && { body }),
    response,
  };
}

// Typed through shared-contract rather than `ajv`: the hoisted `ajv` here is another major version.
type AjvErrors = Parameters<typeof toValidationErrors>[0];

// Fastify's name for each request part, and the contract's. (No route here validates headers.)
const locations = {
  body: 'body',
  params: 'params',
  querystring: 'query',
  headers: 'query',
} as const;

/** A Fastify validation error as the contract's `errors`: body pointers, parameter names. */
export function validationErrors(error: FastifyError): ValidationError[] {
  const location = locations[error.validationContext ?? 'body'];
  return toValidationErrors((error.validation ?? []) as unknown as AjvErrors, location);
}
