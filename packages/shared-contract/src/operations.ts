import operationsJson from './generated/operations.json' with { type: 'json' };
import schemasJson from './generated/schemas.json' with { type: 'json' };
import openapiJson from './generated/openapi.json' with { type: 'json' };
import type { operations as OperationTypes } from './generated/openapi-types.js';

/** Every operationId in the contract. */
export type OperationId = keyof OperationTypes;

/** A JSON Schema (2020-12) taken from the contract; `$ref`s point into {@link schemaBundle}. */
export type JsonSchema = Record<string, unknown>;

export interface ResponseSpec {
  description: string;
  /** Absent when the response has no body (204, 304). */
  contentType?: string;
  schema?: JsonSchema;
  /** Header names are lower-case. */
  headers: Record<string, { required: boolean; schema: JsonSchema }>;
}

/** What one operation accepts and answers, in the shape validators and test harnesses need. */
export interface OperationSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path template, e.g. `/tasks/{id}`. */
  path: string;
  /** Whether the operation needs a bearer token. */
  authenticated: boolean;
  /**
   * The setting without which a server does not serve the operation at all (its path is then a 404,
   * like any unknown one): `METRICS_ENABLED` for `GET /metrics`. Absent for what every server serves.
   */
  enabledBy?: string;
  params?: JsonSchema;
  query?: JsonSchema;
  body?: JsonSchema;
  /** Keyed by status code as a string: `'200'`, `'422'`. */
  responses: Record<string, ResponseSpec>;
}

/** The contract's component schemas as one bundle with `$id` {@link SCHEMAS_ID}; add it to Ajv once. */
export const schemaBundle: JsonSchema & { $id: string } = schemasJson;
export const SCHEMAS_ID = schemaBundle.$id;

export const operations = operationsJson as Record<OperationId, OperationSpec>;

/** The OpenAPI document, as served at `GET /openapi.json`. */
export const openapiDocument: Record<string, unknown> = openapiJson;

/** A reference to one component schema, e.g. `schemaRef('Task')`, for frameworks that take `$ref`s. */
export function schemaRef(name: string): { $ref: string } {
  return { $ref: `${SCHEMAS_ID}#/$defs/${name}` };
}
