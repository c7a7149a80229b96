import { type AppModel, defaultUi, type MigrationPlan, SYSTEM_SCHEMA } from "@loom/engine";
import type { Knex } from "knex";
import type { RowCheckResult } from "./row-checks.ts";

const S = `"${SYSTEM_SCHEMA}"`;

/** package name → file path → text: a set of installed packages, as stored. */
export type PackageFiles = Record<string, Record<string, string>>;

export interface Revision {
  id: number;
  checksum: string;
  model: AppModel;
  /** package name → version */
  packages: Record<string, string>;
  createdAt: Date;
  createdBy: string;
  note: string | null;
}

/** The latest revision, or null on a database where nothing was applied yet. */
export async function currentRevision(conn: Knex): Promise<Revision | null> {
  const row = (
    await conn.raw(
      `SELECT "id", "checksum", "model", "packages", "created_at", "created_by", "note"
       FROM ${S}."revisions" ORDER BY "id" DESC LIMIT 1`,
    )
  ).rows[0];
  if (!row) return null;
  return {
    // bigserial comes back as text; ids stay far below 2^53
    id: Number(row.id),
    checksum: row.checksum,
    model: storedModel(row.model),
    packages: row.packages,
    createdAt: row.created_at,
    createdBy: row.created_by,
    note: row.note,
  };
}

/** Only the id of the latest revision: what an applier re-checks under its lock. */
export async function currentRevisionId(conn: Knex): Promise<number | null> {
  const row = (await conn.raw(`SELECT max("id") AS id FROM ${S}."revisions"`)).rows[0];
  return row.id === null ? null : Number(row.id);
}

export async function insertRevision(
  conn: Knex,
  revision: {
    checksum: string;
    model: AppModel;
    packages: Record<string, string>;
    plan: MigrationPlan;
    /** package name → its files, every installed package as this revision leaves them */
    packageFiles: PackageFiles;
    createdBy: string;
    note?: string;
  },
): Promise<number> {
  const row = (
    await conn.raw(
      `INSERT INTO ${S}."revisions"
         ("checksum", "model", "packages", "plan", "package_files", "created_by", "note")
       VALUES (?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?) RETURNING "id"`,
      [
        revision.checksum,
        JSON.stringify(revision.model),
        JSON.stringify(revision.packages),
        JSON.stringify(revision.plan),
        JSON.stringify(revision.packageFiles),
        revision.createdBy,
        revision.note ?? null,
      ],
    )
  ).rows[0];
  return Number(row.id);
}

/** One row per step; `rows_checked` is the number of rows the step's check flagged (null: no check). */
export async function writeMigrationLog(
  conn: Knex,
  revisionId: number,
  plan: MigrationPlan,
  checks: readonly RowCheckResult[],
): Promise<void> {
  const flagged = new Map(checks.map((check) => [check.stepNo, check.count]));
  const rows = plan.steps.map((step, index) => ({
    revision_id: revisionId,
    step_no: index + 1,
    kind: step.kind,
    description: step.description,
    sql: [...step.sql],
    safety: step.safety,
    rows_checked: flagged.get(index + 1) ?? null,
  }));
  // chunks keep each statement far below PostgreSQL's 65,535 bind parameters
  for (let start = 0; start < rows.length; start += LOG_CHUNK) {
    await conn
      .withSchema(SYSTEM_SCHEMA)
      .table("migration_log")
      .insert(rows.slice(start, start + LOG_CHUNK));
  }
}

const LOG_CHUNK = 1000;

/**
 * A stored model in today's shape: revisions stored before roles and workflows existed have
 * neither (and mean none); those stored before forms, views and menus get the defaults.
 */
function storedModel(model: Partial<AppModel> & Pick<AppModel, "packages" | "entities">): AppModel {
  const { forms, views, menu } = model;
  return {
    ...model,
    ...(forms && views && menu ? { forms, views, menu } : defaultUi(model)),
    roles: model.roles ?? {},
    workflows: model.workflows ?? {},
  };
}
