import type { DataSource, EntityManager } from 'typeorm';
import type { Role, UpdateMeRequest, User, UserPage } from '@rosetta/shared-contract';
import { actorGone, liveActor } from '../auth/actor.js';
import type { AccountAttempts } from '../auth/attempts.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { queryRows } from '../database/query-rows.js';
import { type Statements, Values } from '../database/statements.js';
import { UserEntity } from '../entities/index.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { decodeCursor, encodeCursor, isInstant } from '../pagination/cursor.js';
import { pageSize } from '../pagination/page-size.js';
import type { ListUsersQuery, Principal, UsersService } from '../types.js';
import { toUser } from '../views.js';

const USERS_SORT = 'createdAt';

/** A user as these statements return it: the entity's own property names and types. */
type UserRow = Pick<
  UserEntity,
  'id' | 'email' | 'name' | 'role' | 'passwordHash' | 'createdAt' | 'updatedAt'
>;

const USER_COLUMNS = `id, email, name, role, password_hash AS "passwordHash",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

export class DefaultUsersService implements UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly sql: Statements,
    private readonly attempts: AccountAttempts,
  ) {}

  async getMe(actor: Principal): Promise<User> {
    return toUser(await this.loadSelf(actor));
  }

  async updateMe(actor: Principal, input: UpdateMeRequest): Promise<User> {
    const changes: [column: string, value: unknown][] = [];
    if (input.name !== undefined) changes.push(['name', input.name]);
    if (input.password !== undefined) {
      const { passwordHash } = await this.loadSelf(actor);
      // A stolen access token must not become a way to guess the current password at leisure.
      const attempt = `password:${actor.id}`;
      await this.attempts.begin(
        attempt,
        'Too many attempts at the current password; retry after the Retry-After delay.',
      );
      if (!(await verifyPassword(passwordHash, input.currentPassword ?? ''))) {
        throw new ForbiddenError(
          'current_password_incorrect',
          'The current password is incorrect.',
        );
      }
      await this.attempts.succeeded(attempt);
      changes.push(['password_hash', await hashPassword(input.password)]);
    }
    if (changes.length === 0) return this.getMe(actor);
    return this.db.transaction(async (manager) => {
      // Only the columns this request changes: a role an admin changes meanwhile is not written back.
      const values = new Values();
      const set = changes.map(([column, value]) => `${column} = ${values.add(value)}`);
      const [user] = await queryRows<UserRow>(
        manager,
        `UPDATE users SET ${set.join(', ')}, updated_at = now()
          WHERE id = (SELECT id FROM (${liveActor(values, actor)}) a)
          RETURNING ${USER_COLUMNS}`,
        values.list,
      );
      if (!user) throw actorGone();
      if (input.password !== undefined) {
        // A new password ends every other session: a thief with an old token loses it at once.
        await manager.query(
          `UPDATE sessions SET revoked_at = now()
            WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL`,
          [actor.id, actor.sessionId],
        );
      }
      return toUser(user);
    });
  }

  async deleteMe(actor: Principal): Promise<void> {
    await this.keepingAnAdmin(async (manager, admins) => {
      if (admins.length === 1 && admins[0] === actor.id.toLowerCase()) {
        throw new ConflictError(
          'last_admin',
          'This is the only admin account: make another account admin before deleting it.',
        );
      }
      // Tasks and sessions go with the account through ON DELETE CASCADE, in the same statement.
      const values = new Values();
      const deleted = await queryRows(
        manager,
        `DELETE FROM users WHERE id = (SELECT id FROM (${liveActor(values, actor)}) a) RETURNING id`,
        values.list,
      );
      if (deleted.length === 0) throw actorGone();
    });
  }

  async list(actor: Principal, query: ListUsersQuery): Promise<UserPage> {
    await this.requireAdmin(actor);
    const limit = pageSize(query.limit);
    const qb = this.db.manager
      .createQueryBuilder(UserEntity, 'u')
      .orderBy('u.createdAt', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(limit + 1);
    if (query.cursor !== undefined) {
      const after = decodeCursor(query.cursor, USERS_SORT, isInstant);
      // As a Date, like the tasks' cursors (see cursorParameter), so no ISO year is out of range.
      qb.where('(u.createdAt, u.id) > (CAST(:value AS timestamptz), CAST(:id AS uuid))', {
        value: new Date(after.value!),
        id: after.id,
      });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      data: page.map(toUser),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor(USERS_SORT, { value: last.createdAt.toISOString(), id: last.id })
          : null,
    };
  }

  async get(actor: Principal, id: string): Promise<User> {
    await this.requireAdmin(actor);
    return toUser(await this.load(id));
  }

  async updateRole(actor: Principal, id: string, role: Role): Promise<User> {
    return this.keepingAnAdmin(async (manager) => {
      await this.requireAdmin(actor, manager);
      // Otherwise the last admin could demote themselves and leave nobody able to administer.
      if (isSelf(actor, id))
        throw new ConflictError('cannot_modify_self', 'Admins cannot change their own role.');
      // The role alone: a name or password the user changes meanwhile is not written back.
      const [user] = await queryRows<UserRow>(
        manager,
        `UPDATE users SET role = $1, updated_at = now() WHERE id = $2 RETURNING ${USER_COLUMNS}`,
        [role, id],
      );
      if (!user) throw new NotFoundError('No user has this id.');
      return toUser(user);
    });
  }

  async remove(actor: Principal, id: string): Promise<void> {
    await this.keepingAnAdmin(async (manager) => {
      await this.requireAdmin(actor, manager);
      if (isSelf(actor, id)) {
        throw new ConflictError(
          'cannot_modify_self',
          'Admins delete their own account through /users/me.',
        );
      }
      const deleted = await queryRows(manager, 'DELETE FROM users WHERE id = $1 RETURNING id', [
        id,
      ]);
      if (deleted.length === 0) throw new NotFoundError('No user has this id.');
    });
  }

  /**
   * Runs `change` in a transaction that first locks every admin row, and hands it the admins' ids. Every
   * change that can take the last admin away (a demotion, a deletion) runs here, so such changes queue on
   * the locks: two admins demoting or deleting each other at once cannot both succeed, since the second
   * finds its caller no longer among the admins. Locked in id order, so two of them never deadlock.
   */
  private keepingAnAdmin<T>(
    change: (manager: EntityManager, admins: string[]) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction(async (manager) => {
      const rows = await queryRows<{ id: string }>(
        manager,
        `SELECT id FROM users WHERE role = 'admin' ORDER BY id FOR UPDATE`,
        [],
      );
      return change(
        manager,
        rows.map((r) => r.id),
      );
    });
  }

  private async load(id: string): Promise<UserEntity> {
    const user = await this.db.manager.findOneBy(UserEntity, { id });
    if (!user) throw new NotFoundError('No user has this id.');
    return user;
  }

  /** The caller's own row; none means the account or the session has ended, so the token is dead. */
  private async loadSelf(actor: Principal): Promise<UserRow> {
    const values = new Values();
    const [user] = await this.sql.rows<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users WHERE id = (SELECT id FROM (${liveActor(values, actor)}) a)`,
      values.list,
    );
    if (!user) throw actorGone();
    return user;
  }

  /**
   * The caller's role now, not at sign-in: an admin who was demoted a moment ago is refused. With
   * `manager`, inside its transaction (after {@link keepingAnAdmin} has locked the admins).
   */
  private async requireAdmin(actor: Principal, manager?: EntityManager): Promise<void> {
    const values = new Values();
    const text = liveActor(values, actor);
    const [caller] = manager
      ? await queryRows<{ role: Role }>(manager, text, values.list)
      : await this.sql.rows<{ role: Role }>(text, values.list);
    if (!caller) throw actorGone();
    if (caller.role !== 'admin')
      throw new ForbiddenError('forbidden', 'Only admins may manage accounts.');
  }
}

/**
 * Whether `id` names the actor. UUIDs are case-insensitive (Postgres finds `A0EE…` as `a0ee…`), so a
 * plain string comparison would let an admin reach their own account by spelling its id in capitals.
 */
function isSelf(actor: Principal, id: string): boolean {
  return id.toLowerCase() === actor.id.toLowerCase();
}
