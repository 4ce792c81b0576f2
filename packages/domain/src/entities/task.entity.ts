import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { TaskPriority, TaskStatus } from '@rosetta/shared-contract';
import { UserEntity } from './user.entity.js';

@Entity({ name: 'tasks' })
// Every listing is one owner's tasks in one sort order, tie-broken by id: these serve the keyset scans.
@Index('tasks_owner_created_idx', ['ownerId', 'createdAt', 'id'])
@Index('tasks_owner_due_idx', ['ownerId', 'dueDate', 'id'])
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'tasks_pkey' })
  id!: string;

  @Column({ type: 'uuid', name: 'owner_id' })
  ownerId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'tasks_owner_id_fkey' })
  owner?: UserEntity;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({
    type: 'enum',
    enum: ['todo', 'in_progress', 'done'],
    enumName: 'task_status',
    default: 'todo',
  })
  status!: TaskStatus;

  /** A Postgres enum sorts in declaration order, which is exactly low < medium < high. */
  @Column({
    type: 'enum',
    enum: ['low', 'medium', 'high'],
    enumName: 'task_priority',
    default: 'medium',
  })
  priority!: TaskPriority;

  @Column({ type: 'timestamptz', precision: 3, nullable: true, name: 'due_date' })
  dueDate!: Date | null;

  /** Bumped by every update; the task's ETag. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  // Millisecond precision matches JavaScript's Date, so a cursor's timestamp compares exactly.
  @CreateDateColumn({ type: 'timestamptz', precision: 3, name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3, name: 'updated_at' })
  updatedAt!: Date;
}
