import type { Field, Labels, SelectOption } from "@loom/engine";
import type { Language } from "../api/write/accept-language.ts";

/** How an export heads its columns: the fields' labels in a language, or their names. */
export type HeaderStyle = "labels" | "names";
export const HEADER_STYLES: readonly HeaderStyle[] = ["labels", "names"];

/** A value as an XLSX cell takes it: typed where the sheet should compute with it. */
export type XlsxCell = string | number | boolean | Date | null;

/** One exported column: the field, its header, its value as CSV text and as an XLSX cell. */
export interface ExportColumn {
  readonly key: string;
  readonly field: Field;
  readonly header: string;
  readonly text: (value: unknown) => string;
  readonly cell: (value: unknown) => XlsxCell;
  /** the XLSX number format of a date or datetime column */
  readonly numFmt?: string;
}

/**
 * The exported columns: `order` (field names, e.g. from `fields=`) or else model order, kept to
 * the fields `selected` (what the reader may see; hidden fields are not in their model, so never
 * here). System columns and tables are left out: a sheet is read by people, who know records by
 * their fields, and re-imported, where the server sets those.
 */
export function exportColumns(
  fields: readonly Field[],
  selected: ReadonlySet<string>,
  order: readonly string[] | undefined,
  language: Language,
  headers: HeaderStyle,
): ExportColumn[] {
  const byName = new Map(fields.map((field) => [field.name, field]));
  return (order ?? fields.map((field) => field.name)).flatMap((name) => {
    const field = byName.get(name);
    if (!field || !selected.has(name) || field.type === "table") return [];
    const text = textOf(field, language);
    const numFmt =
      field.type === "date"
        ? "yyyy-mm-dd"
        : field.type === "datetime"
          ? "yyyy-mm-dd hh:mm:ss"
          : undefined;
    return [
      {
        key: name,
        field,
        header: headers === "names" ? field.name : labelIn(field.labels, language),
        text,
        cell: cellOf(field, text),
        ...(numFmt ? { numFmt } : {}),
      },
    ];
  });
}

export function labelIn(labels: Labels, language: Language): string {
  return labels[language] ?? labels.en;
}

/**
 * A value as the list returns it, as text: select values as their option labels (what users see
 * on screen, and what an import takes back), links as the linked record's id, booleans as
 * true/false, JSON as JSON.
 */
function textOf(field: Field, language: Language): (value: unknown) => string {
  const options = new Map<string, string>(
    (field.options ?? []).map((o: SelectOption) => [o.value, labelIn(o.labels, language)]),
  );
  const plain = (value: unknown): string => {
    if (value === null || value === undefined) return "";
    if (typeof value === "string") return options.get(value) ?? value;
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  };
  return (value) =>
    field.type === "multiselect" && Array.isArray(value)
      ? value.map(plain).join(", ")
      : plain(value);
}

/**
 * The XLSX cell: numbers and booleans as such, dates and datetimes as real dates (a sheet has no
 * time zone: datetimes are written in UTC, as an import reads them back), the rest as text.
 */
function cellOf(field: Field, text: (value: unknown) => string): (value: unknown) => XlsxCell {
  switch (field.type) {
    case "integer":
    case "decimal":
    case "money":
    case "percent":
    case "boolean":
      return (value) => (value === undefined ? null : (value as number | boolean | null));
    case "date":
      return (value) => (typeof value === "string" ? new Date(`${value}T00:00:00Z`) : null);
    case "datetime":
      return (value) => (typeof value === "string" ? new Date(value) : null);
    default:
      return (value) => (value === null || value === undefined ? null : text(value));
  }
}
