import type { Knex } from "knex";
import { type ColumnRead, type LinePlan, R, type ReadPlan, toRecord } from "./read-plan.ts";

export type JsonRecord = Record<string, unknown>;

/**
 * One record with all its lines (nested tables included), or null when no row has that id: one
 * statement, so no transaction is needed for record and lines to agree. `id` must already be a
 * valid uuid. Used by GET and by writes to answer with what was stored.
 */
export async function readRecord(
  conn: Knex,
  plan: ReadPlan,
  id: string,
): Promise<JsonRecord | null> {
  const [row] = await queryRows(
    conn,
    `SELECT ${selectList(plan.columns, plan.lines)} FROM ${plan.from} WHERE ${R}."id" = ?`,
    [id],
  );
  return row ? toRecord(plan.columns, row, plan.lines) : null;
}

/** The records with these ids (valid uuids), without lines, in no particular order: one query. */
export async function readByIds(
  conn: Knex,
  plan: ReadPlan,
  ids: readonly string[],
  columns: readonly ColumnRead[] = plan.columns,
): Promise<JsonRecord[]> {
  if (ids.length === 0) return [];
  const one = ids.length === 1;
  const rows = await queryRows(
    conn,
    `SELECT ${selectList(columns)} FROM ${plan.from} WHERE ${R}."id" = ${one ? "?" : "ANY(?::uuid[])"}`,
    [one ? ids[0] : ids],
  );
  return rows.map((row) => toRecord(columns, row));
}

/**
 * The rows of one parameterized statement. Bindings are `unknown` because compiled filters bind
 * whatever JSON the caller gave (checked by the engine); the driver serializes them.
 */
export async function queryRows(
  conn: Knex,
  sql: string,
  bindings: readonly unknown[],
): Promise<JsonRecord[]> {
  return (await conn.raw(sql, bindings as Knex.RawBinding[])).rows;
}

/** The select list of these columns, then of these table fields (each its lines as JSON). */
export function selectList(
  columns: readonly ColumnRead[],
  lines: readonly LinePlan[] = [],
): string {
  return [...columns.map((column) => column.select), ...lines.map((line) => line.select)].join(
    ", ",
  );
}
