import type { ReadPlan } from "../api/read-plan.ts";
import type { JsonRecord } from "../api/read-records.ts";
import type { Reader } from "./reader.ts";

/**
 * A record as read with the full plan, cut to the fields of `plan` (a reader's, without hidden
 * fields), its lines level by level: what a write answers with, and what history shows of a line.
 */
export function visibleRecord(record: JsonRecord, plan: ReadPlan): JsonRecord {
  const kept: JsonRecord = {};
  for (const column of plan.columns)
    if (column.key in record) kept[column.key] = record[column.key];
  for (const { field, child } of plan.lines) {
    const lines = record[field.name];
    if (Array.isArray(lines))
      kept[field.name] = lines.map((line) => visibleRecord(line as JsonRecord, child));
  }
  return kept;
}

/** A record read or written with the full plans, as `reader` may see it. */
export function recordFor(reader: Reader, entity: string, record: JsonRecord): JsonRecord {
  return reader.view.permissions.administrator
    ? record
    : visibleRecord(record, reader.plans.get(entity)!);
}
