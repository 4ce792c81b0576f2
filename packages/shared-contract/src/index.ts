export type { paths, components, operations as OperationTypes } from './generated/openapi-types.js';
export * from './operations.js';
export * from './problems.js';
export * from './validation.js';
export * from './docs.js';
export type * from './models.js';
export * from './etag.js';
export * from './client-errors.js';
export * from './http-policy.js';
