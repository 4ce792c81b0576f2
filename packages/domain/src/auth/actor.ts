import type { Values } from '../database/statements.js';
import { UnauthorizedError } from '../errors.js';
import type { Principal } from '../types.js';

/**
 * The second half of authentication, as SQL: the account an access token names, if it may still act.
 *
 * `AuthService.authenticate` checks a token by its signature and claims alone, with no query. Every
 * operation done on a caller's behalf then puts this subquery into its own statement (a join, an
 * `INSERT … SELECT`, a CTE the write depends on) instead of looking the account up first. A request
 * costs one round trip instead of two, and the account cannot disappear between the check and the
 * work: no row from here means the token is dead, whatever the operation, and it answers 401 at once,
 * not when the token expires. The one place to add a condition (a live session, a locked account).
 */
export function liveActor(values: Values, actor: Principal): string {
  return `SELECT id, role FROM users WHERE id = ${values.add(actor.id)}`;
}

/** What an operation throws when {@link liveActor} found no row. */
export function actorGone(): UnauthorizedError {
  return new UnauthorizedError(
    'invalid_token',
    'The account of this access token no longer exists.',
  );
}
