import type { Knex } from "knex";
import type { JsonRecord } from "../read-records.ts";
import { deleteLinesExcept, insertRows, type Row, rowValues, updateLines } from "./store-rows.ts";
import type { TablePlan } from "./write-plan.ts";

/** A record whose lines are written: as it will be, and as it was (absent when new). */
export interface Owner {
  readonly record: JsonRecord;
  readonly before?: JsonRecord;
}

/**
 * Writes the lines of `owners` level by level: per table field and level, lines of all owners
 * together — one DELETE of the lines left out, one UPDATE of the changed lines, one INSERT of
 * the new ones — whatever the number of lines. A line is new when its owner had no line with
 * its id.
 */
export async function saveLines(
  tx: Knex.Transaction,
  tables: readonly TablePlan[],
  owners: readonly Owner[],
  actor: string | null,
): Promise<void> {
  for (const { field, child } of tables) {
    const existing = new Map<string, JsonRecord>();
    const existingOwners: string[] = [];
    for (const { before } of owners) {
      if (!before) continue;
      existingOwners.push(before.id as string);
      for (const line of before[field] as JsonRecord[]) existing.set(line.id as string, line);
    }
    const inserts: Row[] = [];
    const updates: Row[] = [];
    const next: Owner[] = [];
    for (const { record } of owners) {
      for (const line of record[field] as JsonRecord[]) {
        const row = { record: line, parentId: record.id as string };
        const before = existing.get(line.id as string);
        if (!before) inserts.push(row);
        else if (changed(child, row, before)) updates.push(row);
        next.push(before ? { record: line, before } : { record: line });
      }
    }
    if (existing.size > 0) {
      const kept = next.flatMap((owner) => (owner.before ? [owner.record.id as string] : []));
      if (kept.length < existing.size) await deleteLinesExcept(tx, child, existingOwners, kept);
    }
    await updateLines(tx, child, updates, actor);
    await insertRows(tx, child, inserts, actor);
    if (child.tables.length > 0 && next.length > 0) await saveLines(tx, child.tables, next, actor);
  }
}

function changed(plan: TablePlan["child"], row: Row, before: JsonRecord): boolean {
  const now = rowValues(plan, row);
  const then = rowValues(plan, { record: before, parentId: row.parentId! });
  return JSON.stringify(now) !== JSON.stringify(then);
}
