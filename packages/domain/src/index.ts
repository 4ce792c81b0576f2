import 'reflect-metadata';

export { createDomain } from './create-domain.js';
export { startEmbeddedPostgres, type EmbeddedPostgres } from './database/embedded-postgres.js';
export { loadPGlite } from './database/load-pglite.js';
export { PgliteServer } from './database/pglite-server.js';
export { AccessTokens } from './auth/tokens.js';
export { encodeCursor } from './pagination/cursor.js';
export { connectRedis } from './redis.js';
export * from './errors.js';
export type * from './types.js';
