import type { DataSource } from 'typeorm';
import type { Role, UpdateMeRequest, User, UserPage } from '@rosetta/shared-contract';
import { actorGone, liveActor } from '../auth/actor.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { type Statements, Values } from '../database/statements.js';
import { UserEntity } from '../entities/index.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { decodeCursor, encodeCursor, isInstant } from '../pagination/cursor.js';
import { pageSize } from '../pagination/page-size.js';
import type { ListUsersQuery, Principal, UsersService } from '../types.js';
import { toUser } from '../views.js';

const USERS_SORT = 'createdAt';

export class DefaultUsersService implements UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly sql: Statements,
  ) {}

  async getMe(actor: Principal): Promise<User> {
    return toUser(await this.loadSelf(actor));
  }

  async updateMe(actor: Principal, input: UpdateMeRequest): Promise<User> {
    const user = await this.loadSelf(actor);
    if (input.password !== undefined) {
      if (!(await verifyPassword(user.passwordHash, input.currentPassword ?? ''))) {
        throw new ForbiddenError(
          'current_password_incorrect',
          'The current password is incorrect.',
        );
      }
      user.passwordHash = await hashPassword(input.password);
    }
    if (input.name !== undefined) user.name = input.name;
    await this.db.transaction(async (manager) => {
      await manager.save(user);
      if (input.password !== undefined) {
        // A new password signs out every other session: a thief with an old refresh token loses it.
        await manager.query(
          `UPDATE refresh_tokens SET revoked_at = now()
            WHERE user_id = $1 AND family_id <> $2 AND revoked_at IS NULL`,
          [actor.id, actor.sessionId],
        );
      }
    });
    return toUser(user);
  }

  async deleteMe(actor: Principal): Promise<void> {
    // Tasks and refresh tokens go with the account through ON DELETE CASCADE, in the same statement.
    const { affected } = await this.db.manager.delete(UserEntity, { id: actor.id });
    if (!affected) throw actorGone();
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
    await this.requireAdmin(actor);
    // Otherwise the last admin could demote themselves and leave nobody able to administer.
    if (isSelf(actor, id))
      throw new ConflictError('cannot_modify_self', 'Admins cannot change their own role.');
    const user = await this.load(id);
    user.role = role;
    await this.db.manager.save(user);
    return toUser(user);
  }

  async remove(actor: Principal, id: string): Promise<void> {
    await this.requireAdmin(actor);
    if (isSelf(actor, id)) {
      throw new ConflictError(
        'cannot_modify_self',
        'Admins delete their own account through /users/me.',
      );
    }
    const { affected } = await this.db.manager.delete(UserEntity, { id });
    if (!affected) throw new NotFoundError('No user has this id.');
  }

  private async load(id: string): Promise<UserEntity> {
    const user = await this.db.manager.findOneBy(UserEntity, { id });
    if (!user) throw new NotFoundError('No user has this id.');
    return user;
  }

  /** The caller's own row; none means the account was deleted, so its token no longer works. */
  private async loadSelf(actor: Principal): Promise<UserEntity> {
    const user = await this.db.manager.findOneBy(UserEntity, { id: actor.id });
    if (!user) throw actorGone();
    return user;
  }

  /** The caller's role now, not at sign-in: an admin who was demoted a moment ago is refused. */
  private async requireAdmin(actor: Principal): Promise<void> {
    const values = new Values();
    const [caller] = await this.sql.rows<{ role: Role }>(liveActor(values, actor), values.list);
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
