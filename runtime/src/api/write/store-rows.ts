import { quoteIdent } from "@loom/engine";
import type { Knex } from "knex";
import type { JsonRecord } from "../read-records.ts";
import type { WriteColumn, WritePlan } from "./write-plan.ts";

/**
 * SQL for writing records. Rows travel as ONE jsonb parameter read by `jsonb_to_recordset` with
 * the columns' own types, so a statement writes any number of rows with one bound value (no
 * 65535-parameter limit, one statement per table whatever the number of lines) and PostgreSQL
 * converts each JSON value exactly as the column needs (numeric from the JSON number, date
 * from `YYYY-MM-DD`, text[] from an array).
 */

/** One row to write: the record, and for a line the id of the record it belongs to. */
export interface Row {
  readonly record: JsonRecord;
  readonly parentId?: string;
}

/** The statements of one table, built with its write plan so requests only bind values. */
export interface WriteStatements {
  /** binds: actor, actor, rows */
  readonly insert: string;
  /** binds: actor, rows (one), id, version */
  readonly updateDocument: string;
  /** binds: actor, rows */
  readonly updateLines: string;
  /** binds: parent ids, kept ids */
  readonly deleteLinesExcept: string;
}

export function writeStatements(
  table: string,
  columns: readonly WriteColumn[],
  isChild: boolean,
): WriteStatements {
  const names = columns.map((c) => quoteIdent(c.column));
  const rows = `jsonb_to_recordset(?::jsonb) AS x(${columns
    .map((c) => `${quoteIdent(c.column)} ${c.sqlType}`)
    .join(", ")})`;
  // every column but the key and a line's owner, then the audit columns
  const set = [
    ...columns
      .filter((c) => c.key !== "id" && !(c.key === "parent_id" && isChild))
      .map((c) => `${quoteIdent(c.column)} = x.${quoteIdent(c.column)}`),
    `"updated_at" = now()`,
    `"updated_by" = ?::text`,
  ].join(", ");
  return {
    insert: `INSERT INTO ${table} (${names.join(", ")}, "created_by", "updated_by")
      SELECT ${names.map((n) => `x.${n}`).join(", ")}, ?::text, ?::text FROM ${rows}`,
    updateDocument: `UPDATE ${table} AS t SET ${set}, "version" = t."version" + 1 FROM ${rows}
      WHERE t."id" = ? AND t."version" = ? RETURNING t."version"`,
    updateLines: `UPDATE ${table} AS t SET ${set} FROM ${rows}
      WHERE t."id" = x."id" AND t."parent_id" = x."parent_id"`,
    deleteLinesExcept: `DELETE FROM ${table}
      WHERE "parent_id" = ANY(?::uuid[]) AND NOT ("id" = ANY(?::uuid[]))`,
  };
}

/**
 * Inserts a new record and all its lines (every table field, every level) in ONE statement: each
 * table's insert is a data-modifying CTE of the record's. Foreign keys are checked at the end of
 * the statement, when every row is in, and a refused row still names its constraint and table.
 */
export async function insertDocument(
  tx: Knex.Transaction,
  plan: WritePlan,
  record: JsonRecord,
  actor: string | null,
): Promise<void> {
  const [main, ...lines] = inserts(plan, [{ record }], actor);
  const ctes = lines.map(({ sql }, i) => `${quoteIdent(`lines_${i}`)} AS (${sql})`);
  await tx.raw(`${ctes.length > 0 ? `WITH ${ctes.join(", ")} ` : ""}${main!.sql}`, [
    ...lines.flatMap(({ bindings }) => bindings),
    ...main!.bindings,
  ]);
}

function inserts(
  plan: WritePlan,
  rows: readonly Row[],
  actor: string | null,
): { sql: string; bindings: Knex.RawBinding[] }[] {
  if (rows.length === 0) return [];
  return [
    { sql: plan.sql.insert, bindings: [actor, actor, rowsJson(plan, rows)] },
    ...plan.tables.flatMap(({ field, child }) =>
      inserts(
        child,
        rows.flatMap(({ record }) =>
          (record[field] as JsonRecord[]).map((line) => ({
            record: line,
            parentId: record.id as string,
          })),
        ),
        actor,
      ),
    ),
  ];
}

export async function insertRows(
  tx: Knex.Transaction,
  plan: WritePlan,
  rows: readonly Row[],
  actor: string | null,
): Promise<void> {
  if (rows.length === 0) return;
  await tx.raw(plan.sql.insert, [actor, actor, rowsJson(plan, rows)]);
}

/**
 * Updates a document if it still has `version`, bumping it; false when no row matched (changed
 * or gone since). Decided by the database, so concurrent updates cannot both win.
 */
export async function updateDocument(
  tx: Knex.Transaction,
  plan: WritePlan,
  record: JsonRecord,
  version: number,
  actor: string | null,
): Promise<boolean> {
  const { rows } = await tx.raw(plan.sql.updateDocument, [
    actor,
    rowsJson(plan, [{ record }]),
    record.id as string,
    version,
  ]);
  return rows.length === 1;
}

/** Updates lines of their parents, all in one statement. */
export async function updateLines(
  tx: Knex.Transaction,
  plan: WritePlan,
  rows: readonly Row[],
  actor: string | null,
): Promise<void> {
  if (rows.length === 0) return;
  await tx.raw(plan.sql.updateLines, [actor, rowsJson(plan, rows)]);
}

/** Deletes the lines of these parents that are not kept (their own lines cascade). */
export async function deleteLinesExcept(
  tx: Knex.Transaction,
  plan: WritePlan,
  parentIds: readonly string[],
  keepIds: readonly string[],
): Promise<void> {
  if (parentIds.length === 0) return;
  await tx.raw(plan.sql.deleteLinesExcept, [[...parentIds], [...keepIds]]);
}

/** The stored values of a row, keyed by column: the JSON `jsonb_to_recordset` reads. */
export function rowValues(plan: WritePlan, row: Row): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const column of plan.columns) {
    values[column.column] =
      column.key === "parent_id" && row.parentId !== undefined
        ? row.parentId
        : (row.record[column.key] ?? null);
  }
  return values;
}

function rowsJson(plan: WritePlan, rows: readonly Row[]): string {
  return JSON.stringify(rows.map((row) => rowValues(plan, row)));
}
