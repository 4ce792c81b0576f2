import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions as rows of their own. Until now a sign-in was only a `family_id` shared by its refresh
 * tokens, and ending it was an UPDATE of those tokens, which could not see a token a concurrent
 * rotation was inserting. Now a token belongs to a session, and the session row alone says whether it
 * has ended.
 */
export class Sessions1796169600000 implements MigrationInterface {
  name = 'Sessions1796169600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "user_agent" text,
        "ip_address" text,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_used_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "revoked_at" TIMESTAMP(3) WITH TIME ZONE,
        CONSTRAINT "sessions_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX "sessions_user_idx" ON "sessions" ("user_id")`);

    // Every existing family becomes a session, so an upgrade signs no one out. It ends when its newest
    // token does; a family any of whose tokens was revoked had been revoked as a whole.
    await db.query(`
      INSERT INTO "sessions" ("id", "user_id", "created_at", "last_used_at", "expires_at", "revoked_at")
      SELECT "family_id", "user_id", min("created_at"), max("created_at"), max("expires_at"),
             max("revoked_at")
        FROM "refresh_tokens"
       GROUP BY "family_id", "user_id"`);

    await db.query(`ALTER TABLE "refresh_tokens" RENAME COLUMN "family_id" TO "session_id"`);
    await db.query(
      `ALTER INDEX "refresh_tokens_family_idx" RENAME TO "refresh_tokens_session_idx"`,
    );
    await db.query(`
      ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_session_id_fkey"
        FOREIGN KEY ("session_id") REFERENCES "sessions" ("id") ON DELETE CASCADE`);
    // The session holds both now; the user's index and foreign key go with the column.
    await db.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "revoked_at"`);
    await db.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "user_id"`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "refresh_tokens" ADD COLUMN "user_id" uuid`);
    await db.query(
      `ALTER TABLE "refresh_tokens" ADD COLUMN "revoked_at" TIMESTAMP(3) WITH TIME ZONE`,
    );
    await db.query(`
      UPDATE "refresh_tokens" t SET "user_id" = s."user_id", "revoked_at" = s."revoked_at"
        FROM "sessions" s WHERE s."id" = t."session_id"`);
    await db.query(`ALTER TABLE "refresh_tokens" ALTER COLUMN "user_id" SET NOT NULL`);
    await db.query(`
      ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_fkey"
        FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE`);
    await db.query(`CREATE INDEX "refresh_tokens_user_idx" ON "refresh_tokens" ("user_id")`);
    await db.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "refresh_tokens_session_id_fkey"`);
    await db.query(
      `ALTER INDEX "refresh_tokens_session_idx" RENAME TO "refresh_tokens_family_idx"`,
    );
    await db.query(`ALTER TABLE "refresh_tokens" RENAME COLUMN "session_id" TO "family_id"`);
    await db.query(`DROP TABLE "sessions"`);
  }
}
