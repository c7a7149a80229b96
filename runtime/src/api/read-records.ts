import type { Knex } from "knex";
import {
  type PreparedStatement,
  requestStatement,
  runStatement,
} from "../db/prepared-statement.ts";
import type { SqlPart } from "./keyset.ts";
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
  /** the reader's row scope: a record outside it reads as absent */
  scope?: SqlPart,
): Promise<JsonRecord | null> {
  const [row] = await runScoped(conn, plan, plan.byId, [id], scope);
  return row ? toRecord(plan.columns, row, plan.lines) : null;
}

/** The records with these ids (valid uuids), without lines, in no particular order: one query. */
export async function readByIds(
  conn: Knex,
  plan: ReadPlan,
  ids: readonly string[],
  scope?: SqlPart,
): Promise<JsonRecord[]> {
  if (ids.length === 0) return [];
  const rows = await runScoped(conn, plan, plan.byIds, [ids], scope);
  return rows.map((row) => toRecord(plan.columns, row));
}

/**
 * A plan's statement (its text ends with its WHERE) narrowed to a row scope: the scope's text is
 * the same for every user of a role set, so the narrowed statement is prepared like a list's.
 */
function runScoped(
  conn: Knex,
  plan: ReadPlan,
  statement: PreparedStatement,
  bindings: readonly unknown[],
  scope: SqlPart | undefined,
): Promise<JsonRecord[]> {
  if (!scope) return runStatement(conn, statement, bindings);
  return runStatement(conn, requestStatement(`${statement.text} AND (${scope.sql})`, plan.shape), [
    ...bindings,
    ...scope.params,
  ]);
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
