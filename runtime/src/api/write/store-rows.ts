import { quoteIdent } from "@loom/engine";
import type { Knex } from "knex";
import {
  type PreparedStatement,
  preparedStatement,
  runStatement,
} from "../../db/prepared-statement.ts";
import type { JsonRecord } from "../read-records.ts";
import { NEXT_VALUE_SQL } from "./naming-series.ts";
import type { TablePlan, WriteColumn, WritePlan } from "./write-plan.ts";

/**
 * SQL for writing records. Rows travel as ONE json parameter read by `json_to_recordset` with
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
  readonly insert: PreparedStatement;
  /**
   * This table's insert with the insert of every table below it (lines, their lines…) as a
   * data-modifying CTE, in ONE statement: binds actor, actor, rows per table, the tables below
   * depth first, this one last. Foreign keys are checked at the end of the statement, when every
   * row is in, and a refused row still names its constraint and table.
   */
  readonly insertDocument: PreparedStatement;
  /** binds: actor, rows (one), id, version */
  readonly updateDocument: PreparedStatement;
  /** binds: actor, rows */
  readonly updateLines: PreparedStatement;
  /** binds: parent ids, kept ids */
  readonly deleteLinesExcept: PreparedStatement;
}

/** A number the document insert gives itself: its column, and its expression over `value`. */
export interface NumberInInsert {
  readonly column: string;
  readonly expression: (value: string) => string;
}

export function writeStatements(
  table: string,
  columns: readonly WriteColumn[],
  isChild: boolean,
  /** the plans of the `table` fields */
  lineTables: readonly TablePlan[],
  numbered?: NumberInInsert,
): WriteStatements {
  const names = columns.map((c) => quoteIdent(c.column));
  const rows = `json_to_recordset(?::json) AS x(${columns
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
  const insert = `INSERT INTO ${table} (${names.join(", ")}, "created_by", "updated_by")
      SELECT ${names.map((n) => `x.${n}`).join(", ")}, ?::text, ?::text FROM ${rows}`;
  const below = lineTables.flatMap(({ child }) => tablesBelow(child));
  const ctes = below.map((plan, i) => `${quoteIdent(`lines_${i}`)} AS (${plan.sql.insert.text})`);
  let documentInsert = insert;
  if (numbered) {
    // the counter is taken by the insert itself: its row stays locked only until the commit
    ctes.unshift(`${SERIES} AS (${NEXT_VALUE_SQL})`);
    const number = numbered.expression(`${SERIES}."value"`);
    documentInsert = `INSERT INTO ${table} (${names.join(", ")}, "created_by", "updated_by")
      SELECT ${columns
        .map((c) => (c.column === numbered.column ? number : `x.${quoteIdent(c.column)}`))
        .join(", ")}, ?::text, ?::text FROM ${rows}, ${SERIES}`;
  }
  return {
    insert: preparedStatement(insert),
    insertDocument: preparedStatement(
      `${ctes.length > 0 ? `WITH ${ctes.join(", ")} ` : ""}${documentInsert}`,
    ),
    updateDocument:
      preparedStatement(`UPDATE ${table} AS t SET ${set}, "version" = t."version" + 1 FROM ${rows}
      WHERE t."id" = ? AND t."version" = ? RETURNING t."version"`),
    updateLines: preparedStatement(`UPDATE ${table} AS t SET ${set} FROM ${rows}
      WHERE t."id" = x."id" AND t."parent_id" = x."parent_id"`),
    deleteLinesExcept: preparedStatement(`DELETE FROM ${table}
      WHERE "parent_id" = ANY(?::uuid[]) AND NOT ("id" = ANY(?::uuid[]))`),
  };
}

/** A line table and every table below it, depth first: the order insertDocument binds them. */
function tablesBelow(plan: WritePlan): WritePlan[] {
  return [plan, ...plan.tables.flatMap(({ child }) => tablesBelow(child))];
}

const SERIES = quoteIdent("series");

/**
 * Inserts a new record and all its lines (every table field, every level) in ONE statement;
 * `number`: the bindings of the counter and of the number's text when the insert numbers it.
 */
export async function insertDocument(
  tx: Knex.Transaction,
  plan: WritePlan,
  record: JsonRecord,
  actor: string | null,
  number?: { readonly counter: readonly string[]; readonly text: readonly string[] },
): Promise<void> {
  const [main, ...below] = tableRows(plan, [{ record }]);
  await runStatement(tx, plan.sql.insertDocument, [
    ...(number?.counter ?? []),
    ...below.flatMap(({ table, rows }) => [actor, actor, rowsJson(table, rows)]),
    ...(number?.text ?? []),
    actor,
    actor,
    rowsJson(plan, main!.rows),
  ]);
}

/** The rows of each table of a document, in tablesBelow's order (tables without rows included). */
function tableRows(
  plan: WritePlan,
  rows: readonly Row[],
): { table: WritePlan; rows: readonly Row[] }[] {
  return [
    { table: plan, rows },
    ...plan.tables.flatMap(({ field, child }) =>
      tableRows(
        child,
        rows.flatMap(({ record }) =>
          (record[field] as JsonRecord[]).map((line) => ({
            record: line,
            parentId: record.id as string,
          })),
        ),
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
  await runStatement(tx, plan.sql.insert, [actor, actor, rowsJson(plan, rows)]);
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
  const rows = await runStatement(tx, plan.sql.updateDocument, [
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
  await runStatement(tx, plan.sql.updateLines, [actor, rowsJson(plan, rows)]);
}

/** Deletes the lines of these parents that are not kept (their own lines cascade). */
export async function deleteLinesExcept(
  tx: Knex.Transaction,
  plan: WritePlan,
  parentIds: readonly string[],
  keepIds: readonly string[],
): Promise<void> {
  if (parentIds.length === 0) return;
  await runStatement(tx, plan.sql.deleteLinesExcept, [[...parentIds], [...keepIds]]);
}

/** The stored values of a row, keyed by column, nulls included (what save-lines compares). */
export function rowValues(plan: WritePlan, row: Row): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const column of plan.columns) values[column.column] = columnValue(column, row);
  return values;
}

/**
 * The rows as `json_to_recordset` reads them, nulls left out: a key that is not there reads as
 * null, and an import's sparse rows parse in less time (bench/packages).
 */
function rowsJson(plan: WritePlan, rows: readonly Row[]): string {
  return JSON.stringify(
    rows.map((row) => {
      const values: Record<string, unknown> = {};
      for (const column of plan.columns) {
        const value = columnValue(column, row);
        if (value !== null) values[column.column] = value;
      }
      return values;
    }),
  );
}

function columnValue(column: WriteColumn, row: Row): unknown {
  return column.key === "parent_id" && row.parentId !== undefined
    ? row.parentId
    : (row.record[column.key] ?? null);
}
