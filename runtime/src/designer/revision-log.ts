import {
  diffPackageFiles,
  type FileChange,
  type LoadedPackage,
  parsePackage,
  SYSTEM_SCHEMA,
} from "@loom/engine";
import type { Knex } from "knex";
import type { Database } from "../db/database.ts";
import { HttpError } from "../server/http-error.ts";
import { type ApplyResult, applyPackages } from "../store/apply-packages.ts";
import { type PlanResult, planPackages } from "../store/plan-packages.ts";
import type { PackageFiles } from "../store/revisions.ts";

const S = `"${SYSTEM_SCHEMA}"`;

/** A revision as the designer's list shows it: who published what, when, and how big. */
export interface RevisionSummary {
  readonly id: number;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly note: string | null;
  /** package name → version */
  readonly packages: Record<string, string>;
  readonly steps: number;
  readonly dataLosing: boolean;
  /** its package files were kept, so it can be compared and rolled back to */
  readonly restorable: boolean;
}

const SUMMARY_COLUMNS = `"id", "created_at", "created_by", "note", "packages",
  coalesce(jsonb_array_length("plan"->'steps'), 0) AS "steps",
  coalesce(("plan"->>'dataLosing')::boolean, false) AS "data_losing",
  "package_files" IS NOT NULL AS "restorable"`;

/** Newest first, `limit` of them before revision `before` (exclusive) when given. */
export async function listRevisions(
  conn: Knex,
  page: { limit: number; before?: number },
): Promise<RevisionSummary[]> {
  const rows = (
    await conn.raw(
      `SELECT ${SUMMARY_COLUMNS} FROM ${S}."revisions"
       ${page.before === undefined ? "" : `WHERE "id" < ?`} ORDER BY "id" DESC LIMIT ?`,
      page.before === undefined ? [page.limit] : [page.before, page.limit],
    )
  ).rows as Record<string, unknown>[];
  return rows.map(summary);
}

/** One revision with the package files it left (null when they were not kept). */
export async function readRevision(
  conn: Knex,
  id: number,
): Promise<{ summary: RevisionSummary; files: PackageFiles | null; previous: number | null }> {
  const row = (
    await conn.raw(
      `SELECT ${SUMMARY_COLUMNS}, "package_files",
         (SELECT max("id") FROM ${S}."revisions" p WHERE p."id" < r."id") AS "previous"
       FROM ${S}."revisions" r WHERE "id" = ?`,
      [id],
    )
  ).rows[0];
  if (!row) throw new HttpError(404, "not-found", `there is no revision ${id}`);
  return {
    summary: summary(row),
    files: row.package_files,
    previous: row.previous === null ? null : Number(row.previous),
  };
}

/** A file one revision changed against another, with its text in each (null: it was not there). */
export interface RevisionFileChange extends FileChange {
  readonly package: string;
  readonly before: string | null;
  readonly after: string | null;
}

/** What changed from one set of packages to another, file by file (whole packages included). */
export function diffRevisions(from: PackageFiles, to: PackageFiles): RevisionFileChange[] {
  const names = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  return names.flatMap((name) =>
    diffPackageFiles(from[name] ?? {}, to[name] ?? {}).map((change) => ({
      package: name,
      ...change,
      before: from[name]?.[change.file] ?? null,
      after: to[name]?.[change.file] ?? null,
    })),
  );
}

/**
 * Rolling back to a revision re-applies exactly its packages as a new revision (packages installed
 * since are removed), with the same plan, consent and atomicity as any publish: columns its model
 * lacks are dropped, so that plan is data-losing and needs `allowDataLoss`.
 */
export async function rollbackTo(
  db: Database,
  id: number,
  options: { allowDataLoss: boolean; actor: string },
): Promise<ApplyResult> {
  return applyPackages(db, await packagesOf(db, id), {
    exact: true,
    allowDataLoss: options.allowDataLoss,
    actor: options.actor,
    note: `rollback to revision ${id}`,
  });
}

/** What rolling back to revision `id` would do. */
export async function planRollback(db: Database, id: number): Promise<PlanResult> {
  return planPackages(db, await packagesOf(db, id), { exact: true });
}

async function packagesOf(db: Database, id: number): Promise<LoadedPackage[]> {
  const { files } = await db.run((conn) => readRevision(conn, id));
  if (files === null) {
    throw new HttpError(
      409,
      "revision-not-restorable",
      `revision ${id} was applied before Loom kept package files with revisions: it cannot be rolled back to`,
    );
  }
  return Object.values(files).map(loaded);
}

function loaded(files: Record<string, string>): LoadedPackage {
  const { package: pkg, issues } = parsePackage(files);
  if (!pkg) {
    throw new HttpError(
      409,
      "revision-not-restorable",
      `a package of that revision no longer loads with this Loom: ${issues[0]?.message ?? "unknown problem"}`,
    );
  }
  return pkg;
}

function summary(row: Record<string, unknown>): RevisionSummary {
  return {
    id: Number(row.id),
    createdAt: row.created_at as Date,
    createdBy: row.created_by as string,
    note: (row.note as string | null) ?? null,
    packages: row.packages as Record<string, string>,
    steps: Number(row.steps),
    dataLosing: row.data_losing === true,
    restorable: row.restorable === true,
  };
}
