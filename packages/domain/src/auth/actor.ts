import type { Values } from '../database/statements.js';
import { UnauthorizedError } from '../errors.js';
import type { Principal } from '../types.js';

/**
 * The second half of authentication, as SQL: the account an access token names, if it may still act
 * through the session the token was issued for.
 *
 * `AuthService.authenticate` checks a token by its signature and claims alone, with no query. Every
 * operation done on a caller's behalf then puts this subquery into its own statement (a join, an
 * `INSERT … SELECT`, a CTE the write depends on) instead of looking the account up first. A request
 * costs one round trip instead of two, and neither the account nor the session can end between the
 * check and the work: no row from here means the token is dead, whatever the operation, and it
 * answers 401 at once (after a logout, a password change elsewhere, a reuse of its refresh token, or
 * the account's deletion), not when the token expires. The one place to add a condition (a locked
 * account, say). Both lookups are by primary key.
 */
export function liveActor(values: Values, actor: Principal): string {
  return `SELECT u.id, u.role FROM users u
    JOIN sessions s ON s.user_id = u.id
   WHERE u.id = ${values.add(actor.id)} AND s.id = ${values.add(actor.sessionId)}
     AND s.revoked_at IS NULL AND s.expires_at > now()`;
}

/** What an operation throws when {@link liveActor} found no row. */
export function actorGone(): UnauthorizedError {
  return new UnauthorizedError(
    'invalid_token',
    'The session of this access token has ended, or its account no longer exists.',
  );
}
