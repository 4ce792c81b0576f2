import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { SessionEntity } from './session.entity.js';

/**
 * One refresh token of a session. Only its SHA-256 is stored, so a database leak yields no usable
 * token. A spent token is kept until it expires, so that presenting it again is seen as reuse.
 */
@Entity({ name: 'refresh_tokens' })
@Unique('refresh_tokens_token_hash_key', ['tokenHash'])
@Index('refresh_tokens_session_idx', ['sessionId'])
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'refresh_tokens_pkey' })
  id!: string;

  @Column({ type: 'uuid', name: 'session_id' })
  sessionId!: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'refresh_tokens_session_id_fkey' })
  session?: SessionEntity;

  @Column({ type: 'text', name: 'token_hash' })
  tokenHash!: string;

  /** Never after its session's end. */
  @Column({ type: 'timestamptz', precision: 3, name: 'expires_at' })
  expiresAt!: Date;

  /** Set when the token is exchanged; a second exchange is reuse. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true, name: 'used_at' })
  usedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, name: 'created_at' })
  createdAt!: Date;
}
