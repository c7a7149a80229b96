import type { Knex } from "knex";
import { type ColumnRead, type LinePlan, R, type ReadPlan, toRecord } from "./read-plan.ts";

export type JsonRecord = Record<string, unknown>;

/**
 * One record with all its lines (nested tables included), or null when no row has that id.
 * `id` must already be a valid uuid. Used by GET and by writes to answer with what was stored.
 */
export async function readRecord(
  conn: Knex,
  plan: ReadPlan,
  id: string,
): Promise<JsonRecord | null> {
  const [record] = await readByIds(conn, plan, [id]);
  if (!record) return null;
  await attachLines(conn, plan.lines, [record]);
  return record;
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
 * Sets each given table field of every record to its lines, in line_no order, lines' own tables
 * included: one query per table field and level, whatever the number of records.
 */
export async function attachLines(
  conn: Knex,
  lines: readonly LinePlan[],
  records: readonly JsonRecord[],
): Promise<void> {
  if (records.length === 0) return;
  const ids = records.map((record) => record.id as string);
  for (const { field, child } of lines) {
    const byParent = new Map<string, JsonRecord[]>();
    for (const record of records) {
      const list: JsonRecord[] = [];
      record[field.name] = list;
      byParent.set(record.id as string, list);
    }
    const rows = await queryRows(
      conn,
      `SELECT ${R}."parent_id" AS "__parent", ${selectList(child.columns)} FROM ${child.from}
       WHERE ${R}."parent_id" = ANY(?::uuid[]) ORDER BY ${R}."parent_id", ${R}."line_no"`,
      [ids],
    );
    const childRecords = rows.map((row) => {
      const line = toRecord(child.columns, row);
      byParent.get(row.__parent as string)?.push(line);
      return line;
    });
    await attachLines(conn, child.lines, childRecords);
  }
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

export function selectList(columns: readonly ColumnRead[]): string {
  return columns.map((column) => column.select).join(", ");
}
