import type { JsonRecord } from "../api/types.ts";

/**
 * The top-level fields the user changed from `base` (a table counts as one field): what a PATCH
 * sends, and what survives a reload after a version conflict. A value cleared in the form
 * (undefined) is sent as null, so it is cleared on the server too.
 */
export function changedFields(base: JsonRecord, edited: JsonRecord): JsonRecord {
  const changes: JsonRecord = {};
  for (const key of new Set([...Object.keys(base), ...Object.keys(edited)])) {
    const before = base[key] ?? null;
    const after = edited[key] ?? null;
    if (!sameValue(before, after)) changes[key] = after;
  }
  return changes;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalized(a)) === JSON.stringify(normalized(b));
}

/** Key order and undefined members do not make a difference. */
function normalized(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalized);
  if (value === undefined) return null;
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, normalized(v)]),
  );
}
