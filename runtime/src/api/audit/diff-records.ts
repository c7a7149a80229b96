import { isDeepStrictEqual } from "node:util";
import { SYSTEM_COLUMNS } from "@loom/engine";

export type JsonRecord = Record<string, unknown>;

/** One scalar field: `before` absent on create, `after` absent on delete. */
export interface ValueChange {
  before?: unknown;
  after?: unknown;
}

/** A `table` field: lines matched by id; a changed line lists only its changed fields. */
export interface LineChanges {
  added: JsonRecord[];
  removed: JsonRecord[];
  changed: { id: string; fields: FieldChanges }[];
}

export type FieldChanges = Record<string, ValueChange | LineChanges>;

/**
 * Bookkeeping every write changes: not what the user changed. `parent_id` of a tree record is
 * not here — moving a node is a real change.
 */
const RECORD_SYSTEM_KEYS: ReadonlySet<string> = new Set(SYSTEM_COLUMNS);
/** a line's id is how it is matched; its line_no shifts whenever an earlier line goes */
const LINE_SYSTEM_KEYS: ReadonlySet<string> = new Set(["id", "line_no"]);

/**
 * What changed between two JSON records (as readRecord gives them): null `before` is a create
 * (every field with its `after`), null `after` a delete (every field with its `before`). Only
 * fields that differ are listed; table fields are diffed line by line, nested tables alike.
 */
export function diffRecords(before: JsonRecord | null, after: JsonRecord | null): FieldChanges {
  return diffFields(before, after, RECORD_SYSTEM_KEYS);
}

function diffFields(
  before: JsonRecord | null,
  after: JsonRecord | null,
  systemKeys: ReadonlySet<string>,
): FieldChanges {
  const changes: FieldChanges = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (systemKeys.has(key)) continue;
    const old = before === null ? undefined : before[key];
    const now = after === null ? undefined : after[key];
    if (isLineList(old) || isLineList(now)) {
      const lines = diffLines(asLines(old), asLines(now));
      if (lines.added.length + lines.removed.length + lines.changed.length > 0)
        changes[key] = lines;
    } else if (before === null) {
      changes[key] = { after: now ?? null };
    } else if (after === null) {
      changes[key] = { before: old ?? null };
    } else if (!isDeepStrictEqual(old ?? null, now ?? null)) {
      changes[key] = { before: old ?? null, after: now ?? null };
    }
  }
  return changes;
}

function diffLines(before: readonly JsonRecord[], after: readonly JsonRecord[]): LineChanges {
  const beforeById = new Map(before.map((line) => [line.id as string, line]));
  const afterIds = new Set(after.map((line) => line.id as string));
  const changes: LineChanges = { added: [], removed: [], changed: [] };
  for (const line of after) {
    const old = beforeById.get(line.id as string);
    if (!old) {
      changes.added.push(line);
      continue;
    }
    const fields = diffFields(old, line, LINE_SYSTEM_KEYS);
    if (Object.keys(fields).length > 0) changes.changed.push({ id: line.id as string, fields });
  }
  for (const line of before) if (!afterIds.has(line.id as string)) changes.removed.push(line);
  return changes;
}

/**
 * Lines are told from other arrays (multiselect, json) by their shape: objects with an `id` and
 * a `line_no`, as every line record has. An empty array has no lines to diff either way.
 */
function isLineList(value: unknown): value is JsonRecord[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (line) =>
        typeof line === "object" &&
        line !== null &&
        typeof (line as JsonRecord).id === "string" &&
        typeof (line as JsonRecord).line_no === "number",
    )
  );
}

function asLines(value: unknown): readonly JsonRecord[] {
  return isLineList(value) ? value : [];
}
