import { type ColumnType, formatColumnType } from "./column-type.ts";
import { decimalText } from "./decimal-text.ts";
import { jsonbText } from "./jsonb-text.ts";
import { quoteLiteral } from "./sql-text.ts";

/**
 * The DEFAULT expression for a constant field default, or undefined when there is none.
 *
 * Each form is written exactly as PostgreSQL prints it back (`pg_get_expr`), so the schema read
 * from the database equals `physicalSchema(model)` and an unchanged default never shows up as a
 * change. A datetime goes through `text` so its printed form does not depend on the session's
 * TimeZone; it stays non-volatile, so adding such a column still does not rewrite the table.
 */
export function defaultLiteral(type: ColumnType, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  switch (type.kind) {
    case "text":
      return `${quoteLiteral(scalarText(value))}::text`;
    case "varchar":
      return `${quoteLiteral(scalarText(value))}::character varying`;
    case "bigint":
    case "integer":
      return `${quoteLiteral(numberText(value))}::${formatColumnType(type)}`;
    case "uuid":
      return `${quoteLiteral(scalarText(value).toLowerCase())}::uuid`;
    case "numeric":
      return numericLiteral(numberText(value));
    case "boolean":
      return String(value === true || value === "true");
    case "date":
      return `${quoteLiteral(isoDate(scalarText(value)))}::date`;
    case "timestamptz":
      return `(${quoteLiteral(scalarText(value))}::text)::timestamp with time zone`;
    case "text[]":
      return `${quoteLiteral(arrayLiteral(Array.isArray(value) ? value : [value]))}::text[]`;
    case "jsonb":
      return `${quoteLiteral(jsonbText(value))}::jsonb`;
  }
}

function numberText(value: unknown): string {
  return decimalText(typeof value === "number" ? value : scalarText(value));
}

function scalarText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** PostgreSQL prints a numeric constant bare only when it starts with a digit and has a point. */
function numericLiteral(text: string): string {
  return /^\d/.test(text) && text.includes(".") ? text : `${quoteLiteral(text)}::numeric`;
}

function isoDate(text: string): string {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  if (!match) return text;
  const [, year = "", month = "", day = ""] = match;
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

/** A text[] literal quoted the way `array_out` does it. */
function arrayLiteral(items: readonly unknown[]): string {
  const elements = items.map((item) => {
    if (item === null || item === undefined) return "NULL";
    const text = scalarText(item);
    const plain = text !== "" && text.toUpperCase() !== "NULL" && !/[{}",\\ \t\n\r\v\f]/.test(text);
    return plain ? text : `"${text.replace(/["\\]/g, "\\$&")}"`;
  });
  return `{${elements.join(",")}}`;
}
