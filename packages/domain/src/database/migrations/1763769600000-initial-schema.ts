import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, their tasks, and refresh tokens. Names are explicit so the schema reads the same everywhere. */
export class InitialSchema1763769600000 implements MigrationInterface {
  name = 'InitialSchema1763769600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TYPE "user_role" AS ENUM ('user', 'admin')`);
    await db.query(`CREATE TYPE "task_status" AS ENUM ('todo', 'in_progress', 'done')`);
    await db.query(`CREATE TYPE "task_priority" AS ENUM ('low', 'medium', 'high')`);

    await db.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" text NOT NULL,
        "name" text NOT NULL,
        "role" "user_role" NOT NULL DEFAULT 'user',
        "password_hash" text NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "users_email_key" UNIQUE ("email")
      )`);

    await db.query(`
      CREATE TABLE "tasks" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "owner_id" uuid NOT NULL,
        "title" text NOT NULL,
        "description" text,
        "status" "task_status" NOT NULL DEFAULT 'todo',
        "priority" "task_priority" NOT NULL DEFAULT 'medium',
        "due_date" TIMESTAMP(3) WITH TIME ZONE,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "tasks_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "tasks_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users" ("id") ON DELETE CASCADE
      )`);
    await db.query(
      `CREATE INDEX "tasks_owner_created_idx" ON "tasks" ("owner_id", "created_at", "id")`,
    );
    await db.query(`CREATE INDEX "tasks_owner_due_idx" ON "tasks" ("owner_id", "due_date", "id")`);

    await db.query(`
      CREATE TABLE "refresh_tokens" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "family_id" uuid NOT NULL,
        "token_hash" text NOT NULL,
        "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "used_at" TIMESTAMP(3) WITH TIME ZONE,
        "revoked_at" TIMESTAMP(3) WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "refresh_tokens_token_hash_key" UNIQUE ("token_hash"),
        CONSTRAINT "refresh_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX "refresh_tokens_family_idx" ON "refresh_tokens" ("family_id")`);
    await db.query(`CREATE INDEX "refresh_tokens_user_idx" ON "refresh_tokens" ("user_id")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "refresh_tokens"`);
    await db.query(`DROP TABLE "tasks"`);
    await db.query(`DROP TABLE "users"`);
    await db.query(`DROP TYPE "task_priority"`);
    await db.query(`DROP TYPE "task_status"`);
    await db.query(`DROP TYPE "user_role"`);
  }
}
