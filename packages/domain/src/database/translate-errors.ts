import { ServiceUnavailableError } from '../errors.js';
import { isDatabaseUnavailable, isStatementTimeout, redactBoundValues } from './errors.js';

/**
 * Wraps a service so that no database error leaves it as the driver raised it, done here, once, so no
 * service method and no starter needs its own try/catch:
 * - the database unreachable, or a statement past `statement_timeout`: a `ServiceUnavailableError`,
 *   which starters answer 503 with `Retry-After`, the driver's error as its `cause`, for logs;
 * - any other (a bug): the same error, without the values its statement was bound to, since a starter
 *   logs it whole for the 500.
 * A `DomainError` passes through unchanged. Either way, the bound values are gone from what is thrown.
 */
export function translateDatabaseErrors<T extends object>(service: T): T {
  // One wrapper per method, made on first use: every request calls these, so none is made per call.
  const wrappers = new Map<PropertyKey, (...args: unknown[]) => Promise<unknown>>();
  return new Proxy(service, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      let wrapper = wrappers.get(property);
      if (!wrapper) {
        wrapper = async (...args: unknown[]) => {
          try {
            return await (value as (...a: unknown[]) => unknown).apply(target, args);
          } catch (error) {
            redactBoundValues(error);
            if (isDatabaseUnavailable(error)) {
              throw new ServiceUnavailableError('The database is unavailable; retry shortly.', {
                cause: error,
              });
            }
            if (isStatementTimeout(error)) {
              throw new ServiceUnavailableError(
                'The database is too busy to answer; retry shortly.',
                {
                  cause: error,
                },
              );
            }
            throw error;
          }
        };
        wrappers.set(property, wrapper);
      }
      return wrapper;
    },
  });
}
