import { LoomError } from "../errors.ts";
import type { Field } from "../model/app-model.ts";

/** The storage types the model can produce; `format` gives the text `format_type` prints. */
export type ColumnType =
  | {
      readonly kind:
        | "text"
        | "bigint"
        | "integer"
        | "boolean"
        | "date"
        | "timestamptz"
        | "jsonb"
        | "uuid"
        | "text[]";
    }
  | { readonly kind: "varchar"; readonly length: number }
  | { readonly kind: "numeric"; readonly precision: number; readonly scale: number };

const DEFAULT_DECIMAL = { precision: 18, scale: 6 };

const SIMPLE_NAMES = {
  text: "text",
  bigint: "bigint",
  integer: "integer",
  boolean: "boolean",
  date: "date",
  timestamptz: "timestamp with time zone",
  jsonb: "jsonb",
  uuid: "uuid",
  "text[]": "text[]",
} as const;

export function formatColumnType(type: ColumnType): string {
  switch (type.kind) {
    case "varchar":
      return `character varying(${type.length})`;
    case "numeric":
      return `numeric(${type.precision},${type.scale})`;
    default:
      return SIMPLE_NAMES[type.kind];
  }
}

/** Reads `format_type` text back, so the planner can also diff a schema read from the database. */
export function parseColumnType(text: string): ColumnType {
  for (const [kind, name] of Object.entries(SIMPLE_NAMES)) {
    if (name === text) return { kind } as ColumnType;
  }
  const varchar = /^character varying\((\d+)\)$/.exec(text);
  if (varchar) return { kind: "varchar", length: Number(varchar[1]) };
  const numeric = /^numeric\((\d+),(-?\d+)\)$/.exec(text);
  if (numeric) return { kind: "numeric", precision: Number(numeric[1]), scale: Number(numeric[2]) };
  throw new LoomError("plan-unknown-type", `column type ${text} is not one Loom creates`);
}

/** The column type of a field, or undefined for a `table` field (its lines live in the child table). */
export function fieldColumnType(field: Field): ColumnType | undefined {
  switch (field.type) {
    case "text":
    case "email":
    case "phone":
    case "url":
      return field.maxLength === undefined
        ? { kind: "text" }
        : { kind: "varchar", length: field.maxLength };
    case "longtext":
    case "select":
      return { kind: "text" };
    case "integer":
      return { kind: "bigint" };
    case "decimal":
      return {
        kind: "numeric",
        precision: field.precision ?? DEFAULT_DECIMAL.precision,
        // SQL's own rule: a precision given without a scale means no digits after the point
        scale: field.scale ?? (field.precision === undefined ? DEFAULT_DECIMAL.scale : 0),
      };
    case "money":
      return { kind: "numeric", precision: 18, scale: 2 };
    case "percent":
      return { kind: "numeric", precision: 9, scale: 4 };
    case "boolean":
      return { kind: "boolean" };
    case "date":
      return { kind: "date" };
    case "datetime":
      return { kind: "timestamptz" };
    case "multiselect":
      return { kind: "text[]" };
    case "json":
      return { kind: "jsonb" };
    case "link":
      return { kind: "uuid" };
    case "table":
      return undefined;
  }
}
