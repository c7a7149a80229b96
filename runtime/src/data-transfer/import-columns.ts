import { type Entity, type Field, isServerSet } from "@loom/engine";
import { type ErrorDetail, HttpError } from "../server/http-error.ts";
import { type CellConverter, cellConverter } from "./cell-values.ts";
import { headerKey } from "./header-key.ts";

/** A column of the sheet and the field it fills. */
export interface ImportColumn {
  /** its position in the sheet's rows, from 0 */
  readonly index: number;
  readonly header: string;
  readonly field: Field;
  readonly convert: CellConverter;
}

export interface ColumnMapping {
  readonly columns: readonly ImportColumn[];
  /** positions of columns without a header: their cells must stay blank */
  readonly unnamed: readonly number[];
  /** how many columns the header has: cells beyond it must stay blank too */
  readonly width: number;
}

/**
 * The header the rejected-rows file adds after the original columns: a column under it is
 * ignored (unless a field takes that header), so a fixed rejected file imports as it is.
 */
export const ERRORS_HEADER = "errors";

/**
 * Maps each header to a field of `entity` as its reader sees it (hidden fields are not there, so
 * their headers read as unknown and tell nothing of them): by name, or by label in any language,
 * compared by headerKey. Refused before any row is read, every problem listed:
 * 400 `unknown-column` (with the headers accepted), `line-column` (a table field: lines are
 * not imported with their document), `read-only-column` (the server sets it), `duplicate-column`.
 */
export function mapColumns(entity: Entity, headers: readonly string[]): ColumnMapping {
  const byKey = fieldsByHeader(entity);
  const columns: ImportColumn[] = [];
  const unnamed: number[] = [];
  const problems: Record<"unknown" | "line" | "readOnly" | "duplicate", ErrorDetail[]> = {
    unknown: [],
    line: [],
    readOnly: [],
    duplicate: [],
  };
  const taken = new Map<string, ImportColumn>();
  headers.forEach((header, index) => {
    const key = headerKey(header);
    if (key === "") {
      unnamed.push(index);
      return;
    }
    const field = byKey.get(key);
    const path = `/columns/${index}`;
    const at = `column ${index + 1} "${header}"`;
    if (!field) {
      // the rejected-rows file's own column, read back in: ignored
      if (key !== ERRORS_HEADER)
        problems.unknown.push({ path, message: `${at} is no field of ${entity.name}` });
    } else if (field.type === "table")
      problems.line.push({
        path,
        message: `${at} is the table ${field.name}: lines are not imported with their document`,
      });
    else if (isServerSet(entity, field))
      problems.readOnly.push({
        path,
        message: `${at} is ${field.name}, which the server sets: remove the column`,
      });
    else if (taken.has(field.name))
      problems.duplicate.push({
        path,
        message: `${at} is ${field.name} again (also column ${taken.get(field.name)!.index + 1})`,
      });
    else {
      const column = { index, header, field, convert: cellConverter(field) };
      taken.set(field.name, column);
      columns.push(column);
    }
  });
  if (problems.unknown.length > 0) {
    const accepted = acceptedHeaders(entity);
    throw new HttpError(
      400,
      "unknown-column",
      `${problems.unknown.length === 1 ? "a column names" : "columns name"} no field of ${entity.name}; the columns accepted are (name, then labels): ${accepted.join("; ")}`,
      problems.unknown,
      { accepted },
    );
  }
  if (problems.line.length > 0)
    throw new HttpError(400, "line-column", "lines cannot be imported as columns", problems.line);
  if (problems.readOnly.length > 0)
    throw new HttpError(
      400,
      "read-only-column",
      "the server sets these fields: remove their columns",
      problems.readOnly,
    );
  if (problems.duplicate.length > 0)
    throw new HttpError(
      400,
      "duplicate-column",
      "two columns fill the same field",
      problems.duplicate,
    );
  return { columns, unnamed, width: headers.length };
}

/**
 * 400 `lines-required` when the entity cannot be created without lines (a required table
 * field), which a sheet of documents does not hold: every row would be refused.
 */
export function refuseRequiredLines(entity: Entity, required: readonly string[]): void {
  const lines = entity.fields.filter(
    (field) => field.type === "table" && required.includes(field.name),
  );
  if (lines.length > 0)
    throw new HttpError(
      400,
      "lines-required",
      `a ${entity.name} needs its ${lines.map(describe).join(", ")}, and lines are not imported from a sheet: create these records through the API`,
      lines.map((field) => ({
        path: `/fields/${field.name}`,
        message: `${describe(field)} needs at least one line`,
      })),
    );
}

/**
 * 400 `missing-column` when a field the API requires on create (`required`, as the create
 * schema lists them) has no column: every row would be refused for it.
 */
export function requireColumns(
  entity: Entity,
  mapping: ColumnMapping,
  required: readonly string[],
): void {
  const present = new Set(mapping.columns.map((column) => column.field.name));
  const missing = entity.fields.filter(
    (field) => required.includes(field.name) && field.type !== "table" && !present.has(field.name),
  );
  if (missing.length > 0)
    throw new HttpError(
      400,
      "missing-column",
      `every ${entity.name} needs ${missing.map(describe).join(", ")}: add ${missing.length === 1 ? "that column" : "those columns"}`,
      missing.map((field) => ({
        path: `/fields/${field.name}`,
        message: `${describe(field)} is required`,
      })),
    );
}

/** Each importable field: its name, then its labels (what a header may say). */
export function acceptedHeaders(entity: Entity): string[] {
  return importable(entity).map((field) =>
    [field.name, ...new Set(Object.values(field.labels) as string[])].join(" / "),
  );
}

function describe(field: Field): string {
  return `${field.labels.en} (${field.name})`;
}

/** Fields a column may fill: not lines, not set by the server. */
function importable(entity: Entity): Field[] {
  return entity.fields.filter((field) => field.type !== "table" && !isServerSet(entity, field));
}

/** header key → field: names first, so a label can never take another field's name */
function fieldsByHeader(entity: Entity): Map<string, Field> {
  const byKey = new Map<string, Field>();
  for (const field of entity.fields)
    for (const label of Object.values(field.labels) as string[])
      if (!byKey.has(headerKey(label))) byKey.set(headerKey(label), field);
  for (const field of entity.fields) byKey.set(headerKey(field.name), field);
  return byKey;
}
