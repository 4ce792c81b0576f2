import { ServiceUnavailableError } from '../errors.js';
import { isDatabaseUnavailable } from './errors.js';

/**
 * Wraps a service so that every method failing because the database is unreachable rejects with a
 * `ServiceUnavailableError` instead of the driver's error. Done here, once, so no service method and no
 * starter needs its own try/catch: every other error (a bug, or a deliberate `DomainError`) passes
 * through unchanged. The driver's error becomes the `cause`, for logs.
 */
export function translateUnavailable<T extends object>(service: T): T {
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
            if (!isDatabaseUnavailable(error)) throw error;
            throw new ServiceUnavailableError('The database is unavailable; retry shortly.', {
              cause: error,
            });
          }
        };
        wrappers.set(property, wrapper);
      }
      return wrapper;
    },
  });
}
