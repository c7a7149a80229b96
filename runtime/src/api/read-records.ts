import type { Knex } from "knex";
import { runStatement } from "../db/prepared-statement.ts";
import { type ReadPlan, toRecord } from "./read-plan.ts";

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
  const [row] = await runStatement(conn, plan.byId, [id]);
  return row ? toRecord(plan.columns, row, plan.lines) : null;
}

/** The records with these ids (valid uuids), without lines, in no particular order: one query. */
export async function readByIds(
  conn: Knex,
  plan: ReadPlan,
  ids: readonly string[],
): Promise<JsonRecord[]> {
  if (ids.length === 0) return [];
  const rows = await runStatement(conn, plan.byIds, [ids]);
  return rows.map((row) => toRecord(plan.columns, row));
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
