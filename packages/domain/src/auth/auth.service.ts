import type { DataSource } from 'typeorm';
import type {
  AuthSession,
  LoginRequest,
  RegisterRequest,
  SessionList,
  TokenPair,
} from '@rosetta/shared-contract';
import { isUniqueViolation } from '../database/errors.js';
import { queryRows } from '../database/query-rows.js';
import { type Statements, Values } from '../database/statements.js';
import { UserEntity } from '../entities/index.js';
import { ConfigError, ConflictError, NotFoundError, UnauthorizedError } from '../errors.js';
import type { AuthService, ClientInfo, DomainLogger, Principal } from '../types.js';
import { normalizeEmail, toUser } from '../views.js';
import { actorGone, liveActor } from './actor.js';
import type { AccountAttempts } from './attempts.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.js';
import { type AccessTokens, hashRefreshToken, newRefreshToken } from './tokens.js';
import { clientColumns, type SessionRow, toSession } from './session-row.js';

const INVALID_REFRESH = 'The refresh token is invalid, expired, revoked or already used.';

/** How many sessions a listing shows: the contract's `maxItems`. */
const SESSIONS_LISTED = 100;

export interface SessionLifetimes {
  /** Seconds a refresh token lives, never past its session's end. */
  refreshTokenTtlSeconds: number;
  /** Seconds from sign-in after which a session ends, however often it is refreshed. */
  sessionMaxAgeSeconds: number;
}

export class DefaultAuthService implements AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly sql: Statements,
    private readonly accessTokens: AccessTokens,
    private readonly attempts: AccountAttempts,
    private readonly lifetimes: SessionLifetimes,
  ) {}

  async register(input: RegisterRequest, client: ClientInfo = {}): Promise<AuthSession> {
    const user = this.db.manager.create(UserEntity, {
      email: normalizeEmail(input.email),
      name: input.name,
      role: 'user',
      passwordHash: await hashPassword(input.password),
    });
    try {
      await this.db.manager.insert(UserEntity, user);
    } catch (error) {
      // The unique constraint, not a prior lookup, decides: two concurrent registrations cannot both win.
      if (isUniqueViolation(error, 'users_email_key')) {
        throw new ConflictError('email_taken', 'An account with this email already exists.');
      }
      throw error;
    }
    return this.startSession(user, client);
  }

  async login(input: LoginRequest, client: ClientInfo = {}): Promise<AuthSession> {
    const email = normalizeEmail(input.email);
    // Counted per email whether or not it has an account, so the limit reveals no more than a 401.
    const attempt = `login:${email}`;
    await this.attempts.begin(
      attempt,
      'Too many sign-in attempts for this account; retry after the Retry-After delay.',
    );
    const user = await this.db.manager.findOneBy(UserEntity, { email });
    const valid = user
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyAgainstDummy(input.password);
    if (!user || !valid) {
      throw new UnauthorizedError('invalid_credentials', 'The email or password is incorrect.');
    }
    await this.attempts.succeeded(attempt);
    return this.startSession(user, client);
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const tokenHash = hashRefreshToken(refreshToken);
    const rotated = await this.db.transaction(async (manager) => {
      const query = <Row>(text: string, values: unknown[]) => queryRows<Row>(manager, text, values);
      // The session row is locked first, and everything that ends a session updates that row, so a
      // logout, a password change or a reuse detected elsewhere either commits before this and is
      // seen here, or waits for this and then ends the session together with the token made here.
      const [session] = await query<{ id: string; user_id: string; live: boolean }>(
        `SELECT id, user_id, revoked_at IS NULL AND expires_at > now() AS live
           FROM sessions
          WHERE id = (SELECT session_id FROM refresh_tokens WHERE token_hash = $1)
            FOR UPDATE`,
        [tokenHash],
      );
      if (!session?.live) return undefined;
      // Read after the lock, so a rotation of the same token that committed meanwhile is seen.
      const spent = await query(
        `UPDATE refresh_tokens SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
          RETURNING id`,
        [tokenHash],
      );
      if (spent.length === 0) {
        // A spent token presented again was copied: someone holds a stolen token or its successor.
        // Ending the session signs out both the thief and the victim, who signs in again (RFC 9700
        // §4.14). Of two concurrent refreshes with one token, the second lands here too: the two
        // cannot be told apart from a stolen copy racing its owner.
        await query(
          `UPDATE sessions SET revoked_at = now()
            WHERE id = $1 AND EXISTS (
              SELECT 1 FROM refresh_tokens WHERE token_hash = $2 AND used_at IS NOT NULL)`,
          [session.id, tokenHash],
        );
        return undefined;
      }
      const next = newRefreshToken();
      // The new token, the session's last use, and the purge of its tokens that have expired (a
      // spent one is kept until then, so that its reuse is still caught), in one statement.
      await query(
        `WITH touched AS (
           UPDATE sessions SET last_used_at = now() WHERE id = $1 RETURNING id, expires_at
         ), purged AS (
           DELETE FROM refresh_tokens WHERE session_id = $1 AND expires_at <= now()
         )
         INSERT INTO refresh_tokens (session_id, token_hash, expires_at)
         SELECT id, $2, least(now() + make_interval(secs => $3), expires_at) FROM touched`,
        [session.id, hashRefreshToken(next), this.lifetimes.refreshTokenTtlSeconds],
      );
      return { userId: session.user_id, sessionId: session.id, refreshToken: next };
    });
    if (!rotated) throw new UnauthorizedError('invalid_refresh_token', INVALID_REFRESH);
    return this.tokenPair(rotated.userId, rotated.sessionId, rotated.refreshToken);
  }

  async logout(refreshToken: string): Promise<void> {
    await this.sql.affected(
      `UPDATE sessions SET revoked_at = now()
        WHERE revoked_at IS NULL
          AND id = (SELECT session_id FROM refresh_tokens WHERE token_hash = $1)`,
      [hashRefreshToken(refreshToken)],
    );
  }

  // Async like the rest of the interface, though it does no I/O: the account and the session are
  // checked by each operation in its own statement (see actor.ts), which saves every request a round
  // trip.
  async authenticate(accessToken: string): Promise<Principal> {
    const claims = this.accessTokens.verify(accessToken);
    if (!claims) {
      throw new UnauthorizedError('invalid_token', 'The access token is invalid or has expired.');
    }
    return { id: claims.sub, sessionId: claims.sid };
  }

  async listSessions(actor: Principal): Promise<SessionList> {
    const values = new Values();
    const actorSql = liveActor(values, actor);
    // LEFT JOIN from the actor, so that a dead token (no row at all) is told apart from an empty list.
    const rows = await this.sql.rows<SessionRow | { id: null }>(
      `SELECT s.* FROM (${actorSql}) a
         LEFT JOIN LATERAL (
           SELECT id, id = ${values.add(actor.sessionId)} AS current, created_at AS "createdAt",
                  last_used_at AS "lastUsedAt", expires_at AS "expiresAt",
                  user_agent AS "userAgent", ip_address AS "ipAddress"
             FROM sessions
            WHERE user_id = a.id AND revoked_at IS NULL AND expires_at > now()
            ORDER BY created_at DESC, id DESC
            LIMIT ${SESSIONS_LISTED}
         ) s ON true`,
      values.list,
    );
    if (rows.length === 0) throw actorGone();
    return { data: rows.filter((row): row is SessionRow => row.id !== null).map(toSession) };
  }

  async endSession(actor: Principal, sessionId: string): Promise<void> {
    const values = new Values();
    await this.endSessions(
      actor,
      values,
      `id = ${values.add(sessionId)}`,
      () => new NotFoundError('You have no session with this id that has not ended.'),
    );
  }

  async endOtherSessions(actor: Principal): Promise<void> {
    const values = new Values();
    await this.endSessions(actor, values, `id <> ${values.add(actor.sessionId)}`);
  }

  /**
   * Makes sure the account with these credentials' email is an admin. An account that already holds the
   * address is promoted only when the password is its own: otherwise whoever registered the address
   * first would be handed admin. An existing admin keeps its password (the admin may have changed it
   * since, and start-up must not undo that).
   */
  async ensureAdmin(
    admin: { email: string; password: string },
    logger?: DomainLogger,
  ): Promise<void> {
    const email = normalizeEmail(admin.email);
    const existing =
      (await this.db.manager.findOneBy(UserEntity, { email })) ??
      (await this.createAdmin(email, admin.password, logger));
    if (!existing || existing.role === 'admin') return;
    if (!(await verifyPassword(existing.passwordHash, admin.password))) {
      throw new ConfigError([
        `ADMIN_EMAIL: an account with this address already exists and ADMIN_PASSWORD is not its ` +
          `password, so it is not made an admin. Set ADMIN_PASSWORD to that account's password, or ` +
          `choose another ADMIN_EMAIL.`,
      ]);
    }
    await this.db.manager.update(UserEntity, { id: existing.id }, { role: 'admin' });
    logger?.info(`Promoted existing account ${email} to admin`);
  }

  /** Inserts the admin account; returns the row that won instead, if the address was taken meanwhile. */
  private async createAdmin(
    email: string,
    password: string,
    logger?: DomainLogger,
  ): Promise<UserEntity | null> {
    try {
      await this.db.manager.insert(
        UserEntity,
        this.db.manager.create(UserEntity, {
          email,
          name: 'Administrator',
          role: 'admin',
          passwordHash: await hashPassword(password),
        }),
      );
      logger?.info(`Created admin account ${email}`);
      return null;
    } catch (error) {
      // Another instance starting at the same moment, or someone registering the address: whoever won,
      // its row goes through the same check as an existing account.
      if (!isUniqueViolation(error, 'users_email_key')) throw error;
      return this.db.manager.findOneBy(UserEntity, { email });
    }
  }

  /**
   * Ends the caller's live sessions that match `which` (SQL over `sessions`, its values already in
   * `values`), in the statement that checks the caller; `none`, if given, is thrown when none matched.
   */
  private async endSessions(
    actor: Principal,
    values: Values,
    which: string,
    none?: () => Error,
  ): Promise<void> {
    const actorSql = liveActor(values, actor);
    const [result] = await this.sql.rows<{ ended: number }>(
      `WITH a AS (${actorSql}),
            ended AS (
              UPDATE sessions SET revoked_at = now()
               WHERE user_id = (SELECT id FROM a) AND revoked_at IS NULL AND expires_at > now()
                 AND ${which}
              RETURNING id)
       SELECT (SELECT count(*) FROM ended)::int AS ended FROM a`,
      values.list,
    );
    if (!result) throw actorGone();
    if (result.ended === 0 && none) throw none();
  }

  /**
   * A new session and its first refresh token, in one statement that also purges the account's
   * sessions that have ended: they are only ever deleted here, so each account keeps at most the
   * ones it ended since it last signed in.
   */
  private async startSession(user: UserEntity, client: ClientInfo): Promise<AuthSession> {
    const refreshToken = newRefreshToken();
    const { userAgent, ipAddress } = clientColumns(client);
    const [session] = await this.sql.rows<{ id: string }>(
      `WITH purged AS (
         DELETE FROM sessions
          WHERE user_id = $1 AND (revoked_at IS NOT NULL OR expires_at <= now())
       ), session AS (
         INSERT INTO sessions (user_id, user_agent, ip_address, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4))
         RETURNING id, expires_at
       )
       INSERT INTO refresh_tokens (session_id, token_hash, expires_at)
       SELECT id, $5, least(now() + make_interval(secs => $6), expires_at) FROM session
       RETURNING session_id AS id`,
      [
        user.id,
        userAgent,
        ipAddress,
        this.lifetimes.sessionMaxAgeSeconds,
        hashRefreshToken(refreshToken),
        this.lifetimes.refreshTokenTtlSeconds,
      ],
    );
    return { user: toUser(user), ...this.tokenPair(user.id, session!.id, refreshToken) };
  }

  private tokenPair(userId: string, sessionId: string, refreshToken: string): TokenPair {
    return {
      accessToken: this.accessTokens.issue({ sub: userId, sid: sessionId }),
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.accessTokens.ttlSeconds,
    };
  }
}
