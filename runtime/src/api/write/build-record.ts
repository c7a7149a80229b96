import { randomUUID } from "node:crypto";
import { evaluate } from "@loom/engine";
import { HttpError } from "../../server/http-error.ts";
import type { JsonRecord } from "../read-records.ts";
import type { WritePlan } from "./write-plan.ts";

/**
 * The record a create stores, shaped like a read record: a new id, the client's values for the
 * keys it may set, constant defaults then `defaultExpr`s for what it left out, null for the rest,
 * and its lines likewise (`line_no` from their order). Computed values come later.
 */
export function newRecord(plan: WritePlan, body: JsonRecord, now: Date): JsonRecord {
  const record: JsonRecord = { id: randomUUID() };
  for (const key of plan.keys) if (!plan.owned.has(key)) record[key] = body[key];
  for (const { field, value } of plan.defaults) record[field] ??= structuredClone(value);
  for (const { field, expr } of plan.defaultExprs)
    record[field] ??= evaluate(expr, record, { now }) ?? null;
  for (const key of plan.keys) record[key] ??= null;
  for (const { field, child } of plan.tables) {
    const lines = (body[field] as JsonRecord[] | undefined) ?? [];
    record[field] = lines.map((line, i) => ({ ...newRecord(child, line, now), line_no: i + 1 }));
  }
  return record;
}

/**
 * The record a PATCH stores: the stored record (`before`, a read record) with the client's
 * values over it. A table field sent replaces the lines: a line with the `id` of one of this
 * parent's lines changes that line, one without is new, lines left out go; `line_no` follows the
 * array. A table left out keeps its lines.
 */
export function mergedRecord(
  plan: WritePlan,
  before: JsonRecord,
  body: JsonRecord,
  pointer: string,
  now: Date,
): JsonRecord {
  const record: JsonRecord = { ...before };
  for (const key of plan.keys) if (!plan.owned.has(key) && key in body) record[key] = body[key];
  for (const { field, child } of plan.tables) {
    const existing = before[field] as JsonRecord[];
    const sent = body[field] as JsonRecord[] | undefined;
    record[field] =
      sent === undefined
        ? existing.map((line) => mergedRecord(child, line, {}, "", now))
        : mergedLines(child, existing, sent, `${pointer}/${field}`, now);
  }
  return record;
}

function mergedLines(
  plan: WritePlan,
  existing: readonly JsonRecord[],
  sent: readonly JsonRecord[],
  pointer: string,
  now: Date,
): JsonRecord[] {
  const byId = new Map(existing.map((line) => [line.id as string, line]));
  return sent.map((line, i) => {
    const id = line.id;
    if (typeof id !== "string") return { ...newRecord(plan, line, now), line_no: i + 1 };
    const old = byId.get(id);
    if (!old)
      throw new HttpError(422, "unknown-line", `line ${id} is not a line of this record`, [
        { path: `${pointer}/${i}/id`, message: "not a line of this record (or sent twice)" },
      ]);
    // a line sent twice would be written twice
    byId.delete(id);
    return { ...mergedRecord(plan, old, line, `${pointer}/${i}`, now), line_no: i + 1 };
  });
}
