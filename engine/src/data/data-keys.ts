import type { DataRow, FieldType } from "../metadata/types.ts";
import type { Entity } from "../model/app-model.ts";
import { canonicalJson } from "../model/checksum.ts";

/**
 * Field types a natural key may use: values that read back from the database exactly as written
 * (no rounding, no time zone), so a row is found by the same text whatever wrote it.
 */
export const KEY_TYPES: ReadonlySet<FieldType> = new Set([
  "text",
  "select",
  "email",
  "phone",
  "url",
  "integer",
  "date",
]);

/**
 * The canonical text of a row's natural key, `{"code":"PCS"}`: key field → value with sorted
 * keys. `loom_sys.reference_rows.key` holds it, and a link's value is compared by it.
 */
export function rowKey(key: readonly string[], row: DataRow): string {
  return canonicalJson(keyValues(key, row));
}

export function keyValues(key: readonly string[], row: DataRow): Record<string, unknown> {
  return Object.fromEntries(key.map((field) => [field, row[field] ?? null]));
}

/**
 * A link's value as the key fields of its target: a one-field key is written as its value
 * (`"PCS"`), a longer one as an object of the key fields. Undefined when the value has another
 * shape (the row check reports it).
 */
export function linkKeyValues(
  targetKey: readonly string[],
  value: unknown,
): Record<string, unknown> | undefined {
  if (targetKey.length === 1) return { [targetKey[0]!]: value };
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  return keyValues(targetKey, value as DataRow);
}

/** The canonical key text (as `rowKey` gives it) of the row a link's value names. */
export function linkKey(targetKey: readonly string[], value: unknown): string | undefined {
  const values = linkKeyValues(targetKey, value);
  return values === undefined ? undefined : canonicalJson(values);
}

/**
 * Whether the database keeps the key unique, so a row is found by it and never twice: a single
 * field declared `unique`, or a unique index over exactly the key's fields.
 */
export function keyIsUnique(entity: Entity, key: readonly string[]): boolean {
  const columns = key.map((name) => entity.fields.find((field) => field.name === name)?.column);
  if (columns.some((column) => column === undefined)) return false;
  if (key.length === 1 && entity.fields.some((field) => field.name === key[0] && field.unique))
    return true;
  return entity.indexes.some(
    (index) =>
      index.unique &&
      index.columns.length === columns.length &&
      columns.every((column) => index.columns.includes(column!)),
  );
}
