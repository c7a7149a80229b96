import type { FieldType } from "@loom/engine";

/** How a column is stored, as far as reading, sorting and paging it is concerned. */
export type ColumnKind =
  | "text"
  | "bigint"
  | "integer"
  | "numeric"
  | "boolean"
  | "date"
  | "timestamptz"
  | "uuid"
  | "text[]"
  | "jsonb";

/** The kind of a field's column; undefined for a `table` field (no column). */
export function kindOfField(type: FieldType): ColumnKind | undefined {
  switch (type) {
    case "text":
    case "longtext":
    case "email":
    case "phone":
    case "url":
    case "select":
      return "text";
    case "integer":
      return "bigint";
    case "decimal":
    case "money":
    case "percent":
      return "numeric";
    case "boolean":
      return "boolean";
    case "date":
      return "date";
    case "datetime":
      return "timestamptz";
    case "link":
      return "uuid";
    case "multiselect":
      return "text[]";
    case "json":
      return "jsonb";
    case "table":
      return undefined;
  }
}

/** Kinds a list can be sorted and paged by (one comparable value per row). */
export function isSortable(kind: ColumnKind): boolean {
  return kind !== "text[]" && kind !== "jsonb";
}

/** The SQL type a bound value is cast to, so it compares as the column's own type. */
export const SQL_CAST: Readonly<Record<ColumnKind, string>> = {
  text: "text",
  bigint: "bigint",
  integer: "integer",
  numeric: "numeric",
  boolean: "boolean",
  date: "date",
  timestamptz: "timestamptz",
  uuid: "uuid",
  "text[]": "text[]",
  jsonb: "jsonb",
};
