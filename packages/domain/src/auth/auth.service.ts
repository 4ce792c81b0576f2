import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  AuthSession,
  LoginRequest,
  RegisterRequest,
  TokenPair,
} from '@rosetta/shared-contract';
import { isUniqueViolation } from '../database/errors.js';
import { RefreshTokenEntity, UserEntity } from '../entities/index.js';
import { ConflictError, UnauthorizedError } from '../errors.js';
import type { AuthService, DomainLogger, Principal } from '../types.js';
import { normalizeEmail, toUser } from '../views.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.js';
import { type AccessTokens, hashRefreshToken, newRefreshToken } from './tokens.js';

const INVALID_REFRESH = 'The refresh token is invalid, expired, revoked or already used.';

export class DefaultAuthService implements AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly accessTokens: AccessTokens,
    private readonly refreshTtlSeconds: number,
  ) {}

  async register(input: RegisterRequest): Promise<AuthSession> {
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
    return this.startSession(user);
  }

  async login(input: LoginRequest): Promise<AuthSession> {
    const user = await this.db.manager.findOneBy(UserEntity, {
      email: normalizeEmail(input.email),
    });
    const valid = user
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyAgainstDummy(input.password);
    if (!user || !valid) {
      throw new UnauthorizedError('invalid_credentials', 'The email or password is incorrect.');
    }
    return this.startSession(user);
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const tokenHash = hashRefreshToken(refreshToken);
    const rotated = await this.db.transaction(async (manager) => {
      // Spending the token is one conditional UPDATE, so of two concurrent refreshes exactly one wins:
      // the other waits on the row lock, then finds used_at set. The loser counts as reuse and revokes
      // the family, the winner's new token included. Two presentations of one token cannot be told
      // apart from a stolen copy racing its owner, and a client that refreshes once at a time never
      // loses a race.
      const { records } = await manager.queryRunner!.query(
        `UPDATE refresh_tokens SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
          RETURNING user_id, family_id`,
        [tokenHash],
        true,
      );
      const spent = (records as { user_id: string; family_id: string }[])[0];
      if (!spent) return undefined;
      const next = await this.storeRefreshToken(manager, spent.user_id, spent.family_id);
      return { userId: spent.user_id, familyId: spent.family_id, refreshToken: next };
    });
    if (!rotated) {
      await this.revokeFamilyIfReused(tokenHash);
      throw new UnauthorizedError('invalid_refresh_token', INVALID_REFRESH);
    }
    return this.tokenPair(rotated.userId, rotated.familyId, rotated.refreshToken);
  }

  async logout(refreshToken: string): Promise<void> {
    await this.db.query(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE revoked_at IS NULL
          AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)`,
      [hashRefreshToken(refreshToken)],
    );
  }

  // Async like the rest of the interface, though it does no I/O: the account is checked by each
  // operation in its own statement (see actor.ts), which saves every request a round trip.
  async authenticate(accessToken: string): Promise<Principal> {
    const claims = this.accessTokens.verify(accessToken);
    if (!claims) {
      throw new UnauthorizedError('invalid_token', 'The access token is invalid or has expired.');
    }
    return { id: claims.sub, sessionId: claims.sid };
  }

  /**
   * Makes sure an admin account exists with these credentials' email. An existing account is promoted
   * but keeps its password: the admin may have changed it since, and start-up must not undo that.
   */
  async ensureAdmin(
    admin: { email: string; password: string },
    logger?: DomainLogger,
  ): Promise<void> {
    const email = normalizeEmail(admin.email);
    const existing = await this.db.manager.findOneBy(UserEntity, { email });
    if (existing) {
      if (existing.role !== 'admin') {
        await this.db.manager.update(UserEntity, { id: existing.id }, { role: 'admin' });
        logger?.info(`Promoted existing account ${email} to admin`);
      }
      return;
    }
    const user = this.db.manager.create(UserEntity, {
      email,
      name: 'Administrator',
      role: 'admin',
      passwordHash: await hashPassword(admin.password),
    });
    try {
      await this.db.manager.insert(UserEntity, user);
      logger?.info(`Created admin account ${email}`);
    } catch (error) {
      // Another instance starting at the same moment created it first: the goal is met.
      if (!isUniqueViolation(error, 'users_email_key')) throw error;
    }
  }

  private async startSession(user: UserEntity): Promise<AuthSession> {
    const familyId = randomUUID();
    const refreshToken = await this.storeRefreshToken(this.db.manager, user.id, familyId);
    return { user: toUser(user), ...this.tokenPair(user.id, familyId, refreshToken) };
  }

  private async storeRefreshToken(
    manager: EntityManager,
    userId: string,
    familyId: string,
  ): Promise<string> {
    const token = newRefreshToken();
    await manager.insert(RefreshTokenEntity, {
      userId,
      familyId,
      tokenHash: hashRefreshToken(token),
      expiresAt: new Date(Date.now() + this.refreshTtlSeconds * 1000),
    });
    return token;
  }

  private tokenPair(userId: string, familyId: string, refreshToken: string): TokenPair {
    return {
      accessToken: this.accessTokens.issue({ sub: userId, sid: familyId }),
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.accessTokens.ttlSeconds,
    };
  }

  /**
   * A spent token presented again means it was copied: someone holds a stolen token or its successor.
   * Revoking the whole family logs out both the thief and the victim, who signs in again (RFC 9700 §4.14).
   */
  private async revokeFamilyIfReused(tokenHash: string): Promise<void> {
    await this.db.query(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE revoked_at IS NULL
          AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND used_at IS NOT NULL)`,
      [tokenHash],
    );
  }
}
