import { quoteIdent } from "@loom/engine";
import type { Knex } from "knex";
import { requestStatement, runStatement } from "../../db/prepared-statement.ts";
import { R, selectList, toRecord } from "../read-plan.ts";
import type { JsonRecord } from "../read-records.ts";
import type { WritePlans } from "./write-plan.ts";

/** target entity → id → its record (read columns, no lines) */
export type RecordsByEntity = Map<string, Map<string, JsonRecord>>;

const TARGET = quoteIdent("__target");
const ROW = quoteIdent("__row");

/**
 * The records of several entities by id in ONE statement, each entity's read columns in one
 * `to_jsonb` value (the entities' columns differ, a union's must not); ids with no record are
 * simply absent. `wanted`: entity → ids (valid uuids).
 */
export async function readRecordsByIds(
  conn: Knex,
  plans: WritePlans,
  wanted: ReadonlyMap<string, Iterable<string>>,
): Promise<RecordsByEntity> {
  const found: RecordsByEntity = new Map();
  const parts: string[] = [];
  const bindings: unknown[] = [];
  for (const [target, ids] of wanted) {
    found.set(target, new Map());
    const list = [...ids];
    if (list.length === 0) continue;
    parts.push(
      `SELECT ?::text AS ${TARGET}, to_jsonb(${ROW}) AS ${ROW} FROM (SELECT ${selectList(plans.get(target)!.read.columns)} FROM ${plans.get(target)!.read.from} WHERE ${R}."id" = ANY(?::uuid[])) ${ROW}`,
    );
    bindings.push(target, list);
  }
  if (parts.length === 0) return found;
  // the text depends only on which entities are wanted; each row is (text, jsonb) whatever they are
  const statement = requestStatement(parts.join(" UNION ALL "));
  for (const row of await runStatement(conn, statement, bindings)) {
    const target = row.__target as string;
    const record = toRecord(plans.get(target)!.read.columns, row.__row as JsonRecord);
    found.get(target)!.set(record.id as string, record);
  }
  return found;
}
