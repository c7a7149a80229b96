import type { RecordFormContext } from "./form-context.ts";

/** Where a field sits in the form, as rjsf gives it: `["lines", 0, "schedule", 1, "qty"]`. */
export type FieldPath = readonly (string | number)[];

/** The grid a table field or its lines belong to: `lines`, `lines.schedule` (the form's `tables` key). */
export function tableKey(path: FieldPath): string {
  return path.filter((segment) => typeof segment === "string").join(".");
}

/** The number of a line as people read it: `3`, or `3.2` for the second line of line 3's table. */
export function lineNumber(path: FieldPath): string {
  return path
    .filter((segment) => typeof segment === "number")
    .map((index) => index + 1)
    .join(".");
}

/** The table fields of the lines of grid `table` that open under each line, as the form lists them. */
export function nestedTables(context: RecordFormContext, table: string): string[] {
  const prefix = `${table}.`;
  return Object.keys(context.tables)
    .filter((key) => key.startsWith(prefix) && !key.slice(prefix.length).includes("."))
    .map((key) => key.slice(prefix.length));
}
