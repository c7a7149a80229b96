import type { Field, SelectOption } from "@loom/engine";
import { isUuid } from "../api/text-values.ts";
import { type Cell, cellText, isCellError } from "./cells.ts";
import {
  type DateText,
  dateOfCell,
  dateOfSerial,
  parseDateText,
  parseDateTimeText,
} from "./date-text.ts";
import { headerKey } from "./header-key.ts";
import { parseNumberText } from "./number-text.ts";

/** A link given by the target's key text (a code, a name), looked up for the whole batch later. */
export class LinkKey {
  constructor(readonly text: string) {}
}

/** A cell converted to the field's JSON value, as the API would receive it, or why it cannot be. */
export type Converted =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string };

/** Converts a non-blank cell of one column; built once per column. */
export type CellConverter = (cell: Cell) => Converted;

/**
 * The converter of a field's column: what each field type accepts from a sheet, giving the JSON
 * value the API takes (so the body validator and every rule after it judge the row as they
 * would judge a POST). Text of one-line fields is trimmed; longtext is kept as written.
 * Booleans: true/false, yes/no, y/n, 1/0, 是/否 (any case). Selects: the option's value or its
 * label in any language (compared as headers are); multiselects: several, separated by `;` or
 * `,` (full-width too). Links: the target's id, or a key text looked up later (LinkKey).
 */
export function cellConverter(field: Field): CellConverter {
  switch (field.type) {
    case "text":
    case "email":
    case "phone":
    case "url":
      return (cell) => ({ ok: true, value: asText(cell).trim() });
    case "longtext":
      return (cell) => ({ ok: true, value: asText(cell) });
    case "integer":
    case "decimal":
    case "money":
    case "percent":
      return numberConverter(field.type === "percent");
    case "boolean":
      return booleanValue;
    case "date":
      return dateValue;
    case "datetime":
      return dateTimeValue;
    case "select": {
      const pick = optionPicker(field.options ?? []);
      return (cell) => pick(asText(cell));
    }
    case "multiselect": {
      const pick = optionPicker(field.options ?? []);
      return (cell) => multiselectValue(asText(cell), pick);
    }
    case "link":
      return (cell) => {
        const text = asText(cell).trim();
        return { ok: true, value: isUuid(text) ? text.toLowerCase() : new LinkKey(text) };
      };
    case "json":
      return jsonValue;
    case "table":
      // refused as a column before any row is read (see mapColumns)
      return () => ({ ok: false, message: "lines are not imported with their document" });
  }
}

/** A cell as the text a text field stores: numbers as written, real dates as ISO dates. */
function asText(cell: Cell): string {
  return cellText(cell);
}

function numberConverter(percentField: boolean): CellConverter {
  return (cell) => {
    if (typeof cell === "number") return { ok: true, value: cell };
    if (typeof cell !== "string") return refuse(cell, "a number");
    return parseNumberText(cell, percentField);
  };
}

const TRUE = new Set(["true", "yes", "y", "1", "是"]);
const FALSE = new Set(["false", "no", "n", "0", "否"]);

function booleanValue(cell: Cell): Converted {
  if (typeof cell === "boolean") return { ok: true, value: cell };
  if (cell === 1 || cell === 0) return { ok: true, value: cell === 1 };
  const key = typeof cell === "string" ? cell.trim().toLowerCase() : "";
  if (TRUE.has(key)) return { ok: true, value: true };
  if (FALSE.has(key)) return { ok: true, value: false };
  return {
    ok: false,
    message: `"${cellText(cell).trim()}" is not yes or no: write true/false, yes/no, 1/0 or 是/否`,
  };
}

function dateValue(cell: Cell): Converted {
  if (cell instanceof Date) return dateOfCell(cell);
  if (typeof cell === "number") return serial(cell, dateOfCell);
  if (typeof cell !== "string") return refuse(cell, "a date");
  return parseDateText(cell);
}

function dateTimeValue(cell: Cell): Converted {
  if (cell instanceof Date) return { ok: true, value: cell.toISOString() };
  if (typeof cell === "number")
    return serial(cell, (date) => ({ ok: true, value: date.toISOString() }));
  if (typeof cell !== "string") return refuse(cell, "a date and time");
  return parseDateTimeText(cell);
}

/** An XLSX number in a date column: a serial day number (1900 date system). */
function serial(value: number, then: (date: Date) => DateText): Converted {
  const date = dateOfSerial(value);
  return date
    ? then(date)
    : { ok: false, message: `${value} is no date (as a spreadsheet serial number)` };
}

/** value or label (any language, compared loosely) → the option's value */
function optionPicker(options: readonly SelectOption[]): (text: string) => Converted {
  const byKey = new Map<string, string>();
  for (const option of options) {
    for (const label of Object.values(option.labels) as string[])
      if (!byKey.has(headerKey(label))) byKey.set(headerKey(label), option.value);
  }
  // values win over labels: a label equal to another option's value cannot take it over
  for (const option of options) byKey.set(headerKey(option.value), option.value);
  const values = new Set(options.map((option) => option.value));
  const listed = options
    .slice(0, 12)
    .map((o) => `${o.value} (${Object.values(o.labels).join(" / ")})`)
    .join(", ");
  return (text) => {
    const trimmed = text.trim();
    const value = values.has(trimmed) ? trimmed : byKey.get(headerKey(trimmed));
    return value === undefined
      ? {
          ok: false,
          message: `"${trimmed}" is no option: one of ${listed}${options.length > 12 ? ", …" : ""}`,
        }
      : { ok: true, value };
  };
}

const SEPARATORS = /[;,；，]/;

function multiselectValue(text: string, pick: (text: string) => Converted): Converted {
  const values: unknown[] = [];
  for (const part of text.split(SEPARATORS)) {
    if (part.trim() === "") continue;
    const picked = pick(part);
    if (!picked.ok) return picked;
    values.push(picked.value);
  }
  return { ok: true, value: values };
}

function jsonValue(cell: Cell): Converted {
  if (typeof cell !== "string")
    return { ok: true, value: cell instanceof Date ? cellText(cell) : cell };
  try {
    return { ok: true, value: JSON.parse(cell) };
  } catch {
    return { ok: false, message: "not valid JSON" };
  }
}

function refuse(cell: Cell, wanted: string): Converted {
  return isCellError(cell)
    ? { ok: false, message: `the cell holds the error ${cell.error}` }
    : { ok: false, message: `"${cellText(cell)}" is not ${wanted}` };
}
