import { visibleRecord } from "../../access/visible-record.ts";
import type { ReadPlan } from "../read-plan.ts";
import type { FieldChanges, LineChanges, ValueChange } from "./diff-records.ts";

/**
 * An entry's changes as a reader may see them: only the fields of `plan` (the reader's read plan,
 * without hidden fields), line records and line changes cut the same way, level by level. A line
 * change left with no visible field is dropped, so even that a hidden field changed is not told.
 */
export function visibleChanges(changes: FieldChanges, plan: ReadPlan): FieldChanges {
  const visible: FieldChanges = {};
  for (const [key, change] of Object.entries(changes)) {
    const line = plan.lines.find((l) => l.field.name === key);
    if (line) {
      const lines = visibleLines(change as LineChanges | ValueChange, line.child);
      if (lines) visible[key] = lines;
    } else if (plan.byKey.has(key)) {
      visible[key] = change;
    }
  }
  return visible;
}

function visibleLines(
  change: LineChanges | ValueChange,
  child: ReadPlan,
): LineChanges | ValueChange | undefined {
  // a table created or deleted empty is recorded as a plain value ([] before or after)
  if (!("added" in change)) return change;
  const changed = change.changed.flatMap(({ id, fields }) => {
    const kept = visibleChanges(fields, child);
    return Object.keys(kept).length > 0 ? [{ id, fields: kept }] : [];
  });
  const result: LineChanges = {
    added: change.added.map((line) => visibleRecord(line, child)),
    removed: change.removed.map((line) => visibleRecord(line, child)),
    changed,
  };
  return result.added.length + result.removed.length + changed.length > 0 ? result : undefined;
}
