import { CAST_FUNCTIONS_SQL, DATA_SCHEMA, LoomError, SYSTEM_SCHEMA } from "@loom/engine";
import type { Knex } from "knex";
import type { Database } from "../db/database.ts";
import { DESIGNER_TABLES } from "../designer/designer-tables.ts";
import { PACKAGE_TABLES } from "../packages/package-tables.ts";
import { WORKFLOW_TABLES } from "../workflow/workflow-tables.ts";
import { checksum } from "./checksum.ts";
import { runStatements } from "./sql-script.ts";

const S = `"${SYSTEM_SCHEMA}"`;

/**
 * The system schema, one entry per version, each a list of statements. Append only: a database
 * at version n runs entries n+1… on bootstrap. Never edit an entry that has shipped.
 */
const SYSTEM_MIGRATIONS: readonly (readonly string[])[] = [
  [
    `CREATE SCHEMA IF NOT EXISTS "${DATA_SCHEMA}"`,
    `CREATE TABLE ${S}."packages" (
      "name" text PRIMARY KEY,
      "version" text NOT NULL,
      "layer" text NOT NULL CHECK ("layer" IN ('base', 'customization')),
      "manifest" jsonb NOT NULL,
      "files" jsonb NOT NULL,
      "installed_at" timestamptz NOT NULL DEFAULT now(),
      "installed_by" text NOT NULL
    )`,
    // checksum is indexed, not unique: going back to an earlier model (A → B → A) is a new revision
    `CREATE TABLE ${S}."revisions" (
      "id" bigserial PRIMARY KEY,
      "checksum" text NOT NULL,
      "model" jsonb NOT NULL,
      "packages" jsonb NOT NULL,
      "plan" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "created_by" text NOT NULL,
      "note" text
    )`,
    `CREATE INDEX "revisions_checksum" ON ${S}."revisions" ("checksum")`,
    `CREATE TABLE ${S}."migration_log" (
      "revision_id" bigint NOT NULL REFERENCES ${S}."revisions" ("id"),
      "step_no" integer NOT NULL,
      "kind" text NOT NULL,
      "description" text NOT NULL,
      "sql" text[] NOT NULL,
      "safety" text NOT NULL,
      "rows_checked" bigint,
      "applied_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("revision_id", "step_no")
    )`,
  ],
  [
    `CREATE TABLE ${S}."audit_log" (
      "id" bigserial PRIMARY KEY,
      "entity" text NOT NULL,
      "record_id" uuid NOT NULL,
      "action" text NOT NULL,
      "actor" text,
      "at" timestamptz NOT NULL DEFAULT now(),
      "changes" jsonb NOT NULL
    )`,
    `CREATE INDEX "audit_log_record" ON ${S}."audit_log" ("entity", "record_id", "id")`,
    // a record's JSON as it was when deleted: it outlives the model that shaped it
    `CREATE TABLE ${S}."trash" (
      "id" bigserial PRIMARY KEY,
      "entity" text NOT NULL,
      "record_id" uuid NOT NULL,
      "record" jsonb NOT NULL,
      "deleted_by" text,
      "deleted_at" timestamptz NOT NULL DEFAULT now(),
      "restored_at" timestamptz
    )`,
    `CREATE INDEX "trash_record" ON ${S}."trash" ("entity", "record_id")`,
    `CREATE TABLE ${S}."naming_series" (
      "series" text NOT NULL,
      "period" text NOT NULL,
      "next_value" bigint NOT NULL,
      PRIMARY KEY ("series", "period")
    )`,
  ],
  // identity (runtime/src/auth): secrets are stored only as hashes, never as sent
  [
    `CREATE TABLE ${S}."users" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "username" text NOT NULL,
      "display_name" text,
      "password_hash" text NOT NULL,
      "roles" text[] NOT NULL DEFAULT '{}',
      "attributes" jsonb NOT NULL DEFAULT '{}',
      "active" boolean NOT NULL DEFAULT true,
      "must_change_password" boolean NOT NULL DEFAULT false,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE UNIQUE INDEX "users_username" ON ${S}."users" (lower("username"))`,
    `CREATE TABLE ${S}."sessions" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "token_hash" text NOT NULL UNIQUE,
      "user_id" uuid NOT NULL REFERENCES ${S}."users" ("id") ON DELETE CASCADE,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "expires_at" timestamptz NOT NULL,
      "last_seen_at" timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX "sessions_user" ON ${S}."sessions" ("user_id")`,
    `CREATE TABLE ${S}."api_tokens" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL REFERENCES ${S}."users" ("id") ON DELETE CASCADE,
      "name" text NOT NULL,
      "token_hash" text NOT NULL UNIQUE,
      "roles" text[] NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "expires_at" timestamptz NOT NULL,
      "revoked_at" timestamptz,
      "last_used_at" timestamptz
    )`,
    `CREATE INDEX "api_tokens_user" ON ${S}."api_tokens" ("user_id")`,
  ],
  // the job queue (runtime/src/jobs): run_at '-infinity' means "at once" whatever a clock says
  [
    `CREATE TABLE ${S}."jobs" (
      "id" bigserial PRIMARY KEY,
      "queue" text NOT NULL,
      "payload" jsonb NOT NULL,
      "status" text NOT NULL DEFAULT 'pending'
        CHECK ("status" IN ('pending', 'running', 'done', 'failed', 'cancelled')),
      "run_at" timestamptz NOT NULL,
      "attempts" integer NOT NULL DEFAULT 0 CHECK ("attempts" >= 0),
      "max_attempts" integer NOT NULL CHECK ("max_attempts" >= 1),
      "locked_by" text,
      "locked_until" timestamptz,
      "idempotency_key" text COLLATE "C" UNIQUE,
      "last_error" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "finished_at" timestamptz
    )`,
    // what a claim reads: due pending jobs in order, and running jobs whose lease ran out
    `CREATE INDEX "jobs_due" ON ${S}."jobs" ("run_at", "id") WHERE "status" = 'pending'`,
    `CREATE INDEX "jobs_leased" ON ${S}."jobs" ("locked_until") WHERE "status" = 'running'`,
  ],
  WORKFLOW_TABLES,
  DESIGNER_TABLES,
  PACKAGE_TABLES,
];

export const SYSTEM_SCHEMA_VERSION = SYSTEM_MIGRATIONS.length;

/** Any constant, shared by every Loom process: serializes bootstraps on a server. */
const BOOTSTRAP_LOCK_KEY = 0x100_b007;

/**
 * Brings `loom_sys` (and the data schema) to SYSTEM_SCHEMA_VERSION and installs the engine's SQL
 * functions when they changed. Idempotent and cheap when nothing is due (one read); safe when
 * several processes start at once (they serialize on an advisory lock and re-check).
 */
export async function bootstrapSystemSchema(db: Database): Promise<void> {
  const functionsChecksum = checksum(CAST_FUNCTIONS_SQL);
  const isCurrent = (state: SchemaState | undefined): boolean =>
    state?.version === SYSTEM_SCHEMA_VERSION && state.functionsChecksum === functionsChecksum;

  if (isCurrent(await db.run(readSchemaState))) return;
  await db.transaction(async (tx) => {
    await tx.raw("SELECT pg_advisory_xact_lock(?)", [BOOTSTRAP_LOCK_KEY]);
    const state = await readSchemaState(tx);
    if (isCurrent(state)) return;
    const from = state?.version ?? 0;
    if (from > SYSTEM_SCHEMA_VERSION) {
      throw new LoomError(
        "system-schema-too-new",
        `the database's system schema is at version ${from}, newer than this Loom (${SYSTEM_SCHEMA_VERSION}): upgrade Loom`,
      );
    }
    if (!state) {
      await tx.raw(`CREATE SCHEMA IF NOT EXISTS ${S}`);
      await tx.raw(`CREATE TABLE IF NOT EXISTS ${S}."schema_version" (
        "singleton" boolean PRIMARY KEY DEFAULT true CHECK ("singleton"),
        "version" integer NOT NULL,
        "functions_checksum" text NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    }
    for (const statements of SYSTEM_MIGRATIONS.slice(from)) await runStatements(tx, statements);
    if (state?.functionsChecksum !== functionsChecksum)
      await runStatements(tx, [CAST_FUNCTIONS_SQL]);
    await tx.raw(
      `INSERT INTO ${S}."schema_version" ("version", "functions_checksum") VALUES (?, ?)
       ON CONFLICT ("singleton") DO UPDATE
       SET "version" = excluded."version", "functions_checksum" = excluded."functions_checksum", "updated_at" = now()`,
      [SYSTEM_SCHEMA_VERSION, functionsChecksum],
    );
  });
}

interface SchemaState {
  version: number;
  functionsChecksum: string;
}

/** undefined when the system schema was never bootstrapped */
async function readSchemaState(conn: Knex): Promise<SchemaState | undefined> {
  // A catalog query, not to_regclass(): that one reads the session's catalog cache, which can
  // still miss a table another bootstrap committed while this one waited for the lock.
  const found = await conn.raw(
    "SELECT count(*) AS n FROM pg_catalog.pg_tables WHERE schemaname = ? AND tablename = 'schema_version'",
    [SYSTEM_SCHEMA],
  );
  if (Number(found.rows[0].n) === 0) return undefined;
  const row = (await conn.raw(`SELECT "version", "functions_checksum" FROM ${S}."schema_version"`))
    .rows[0];
  return row ? { version: row.version, functionsChecksum: row.functions_checksum } : undefined;
}
