import type { ColumnKind } from "./column-kind.ts";
import { badParameter } from "./query-params.ts";
import type { Sort, SortKey } from "./sort.ts";
import { isDecimalText, isInt4Text, isInt8Text, isIsoDate, isUuid } from "./text-values.ts";

/** A sort key's value as the cursor keeps it: exact text from the database (a boolean as is). */
export type CursorValue = string | boolean | null;

/** `to_char` of a timestamptz in UTC with microseconds: exact, whatever the session's settings. */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;

/**
 * The select expression giving a sort key's value for the cursor. Exact, unlike the JSON value
 * (a timestamp in JSON has milliseconds, the column microseconds).
 */
export function cursorSelect(key: SortKey): string {
  const ref = key.column.ref;
  switch (key.column.kind) {
    case "text":
    case "boolean":
      return ref;
    case "date":
      return `to_char(${ref}, 'YYYY-MM-DD')`;
    case "timestamptz":
      return `to_char(${ref} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
    default:
      return `${ref}::text`;
  }
}

/** The opaque cursor after a row: base64url JSON of the sort spec and the row's key values. */
export function encodeCursor(sort: Sort, values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify({ s: sort.spec, v: values })).toString("base64url");
}

/**
 * The key values a cursor carries, checked against the request's sort: same spec, one value per
 * key, each of its column's type (so binding it can never make PostgreSQL raise).
 */
export function decodeCursor(sort: Sort, text: string): CursorValue[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw badCursor("the cursor is not one this API gave out");
  }
  if (!isCursorShape(decoded)) throw badCursor("the cursor is not one this API gave out");
  if (decoded.s !== sort.spec)
    throw badCursor(`the cursor belongs to sort "${decoded.s}", not "${sort.spec}"`);
  if (decoded.v.length !== sort.keys.length)
    throw badCursor("the cursor has the wrong number of values");
  sort.keys.forEach((key, i) => {
    if (!valueFits(decoded.v[i], key.column.kind, key.column.nullable))
      throw badCursor(
        `the cursor's value for "${key.column.key}" is not a valid ${key.column.kind}`,
      );
  });
  return decoded.v as CursorValue[];
}

function isCursorShape(value: unknown): value is { s: string; v: unknown[] } {
  if (typeof value !== "object" || value === null) return false;
  const { s, v } = value as { s?: unknown; v?: unknown };
  return typeof s === "string" && Array.isArray(v);
}

function valueFits(value: unknown, kind: ColumnKind, nullable: boolean): boolean {
  if (value === null) return nullable;
  if (kind === "boolean") return typeof value === "boolean";
  if (typeof value !== "string") return false;
  switch (kind) {
    case "text":
      return true;
    case "bigint":
      return isInt8Text(value);
    case "integer":
      return isInt4Text(value);
    case "numeric":
      // numeric columns may hold NaN, which sorts after every number
      return isDecimalText(value) || value === "NaN";
    case "date":
      return isIsoDate(value);
    case "timestamptz": {
      const match = TIMESTAMP.exec(value);
      return (
        match !== null &&
        isIsoDate(match[1]!) &&
        Number(match[2]) < 24 &&
        Number(match[3]) < 60 &&
        Number(match[4]) < 60
      );
    }
    case "uuid":
      return isUuid(value);
    default:
      return false;
  }
}

function badCursor(message: string) {
  return badParameter("cursor", "bad-cursor", message);
}
