import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from './user.entity.js';

/**
 * One sign-in: the refresh tokens rotated from it, and every access token issued for it (their `sid`).
 * Ending a session is setting `revokedAt`, and every check reads it here: a rotation locks this row
 * first, and each authenticated statement joins it (auth/actor.ts), so an ended session is dead at
 * once for both kinds of token.
 */
@Entity({ name: 'sessions' })
@Index('sessions_user_idx', ['userId'])
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'sessions_pkey' })
  id!: string;

  @Column({ type: 'uuid', name: 'user_id' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'sessions_user_id_fkey' })
  user?: UserEntity;

  /** The `User-Agent` the sign-in sent, cut to 512 characters. */
  @Column({ type: 'text', name: 'user_agent', nullable: true })
  userAgent!: string | null;

  /** The client's address as the server saw it at sign-in. */
  @Column({ type: 'text', name: 'ip_address', nullable: true })
  ipAddress!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, name: 'created_at' })
  createdAt!: Date;

  /** The sign-in, or the last exchange of its refresh token. */
  @Column({ type: 'timestamptz', precision: 3, name: 'last_used_at', default: () => 'now()' })
  lastUsedAt!: Date;

  /** Its absolute end (SESSION_MAX_AGE_SECONDS after sign-in), however often it is refreshed. */
  @Column({ type: 'timestamptz', precision: 3, name: 'expires_at' })
  expiresAt!: Date;

  /** When it was signed out, ended from another device, or revoked for token reuse. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true, name: 'revoked_at' })
  revokedAt!: Date | null;
}
