import { ServiceUnavailableError } from '../errors.js';
import { isDatabaseUnavailable } from './errors.js';

/**
 * Wraps a service so that every method failing because the database is unreachable rejects with a
 * `ServiceUnavailableError` instead of the driver's error. Done here, once, so no service method and no
 * starter needs its own try/catch: every other error (a bug, or a deliberate `DomainError`) passes
 * through unchanged. The driver's error becomes the `cause`, for logs.
 */
export function translateUnavailable<T extends object>(service: T): T {
  return new Proxy(service, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (error) {
          if (!isDatabaseUnavailable(error)) throw error;
          throw new ServiceUnavailableError('The database is unavailable; retry shortly.', {
            cause: error,
          });
        }
      };
    },
  });
}
