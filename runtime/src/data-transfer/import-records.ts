import type { Knex } from "knex";
import type { Database } from "../db/database.ts";
import { type ErrorDetail, HttpError } from "../server/http-error.ts";
import { LinkKey } from "./cell-values.ts";
import { type Cell, cellText, isBlank, isCellError, type SheetRow } from "./cells.ts";
import { type ColumnMapping, mapColumns } from "./import-columns.ts";
import { checkColumns, type ImportTarget } from "./import-target.ts";
import { type KeyLookup, keyLookup, resolveKeys } from "./link-keys.ts";
import type { SheetHeader } from "./rejected-file.ts";
import { type PendingRow, writeBatch } from "./write-batch.ts";

export type ImportMode = "all-or-nothing" | "skip-bad-rows";
export const IMPORT_MODES: readonly ImportMode[] = ["all-or-nothing", "skip-bad-rows"];

/** A refused row: its number in the sheet and every reason, as `{path, message}`. */
export interface RowError {
  readonly row: number;
  readonly errors: readonly ErrorDetail[];
}

export interface ImportProgress {
  /** data rows read so far (the header not counted) */
  readonly read: number;
  /** rows written so far (in the transaction: committed at the end, unless dry run or refused) */
  readonly written: number;
  readonly rejected: number;
}

export interface ImportOptions {
  readonly mode: ImportMode;
  readonly dryRun: boolean;
  /** rows per batch; default 1000 */
  readonly batchSize?: number;
  /** after each batch */
  readonly onProgress?: (progress: ImportProgress) => void;
  /** each refused row as it is found, with its cells as read, for the rejected-rows file */
  readonly onRejected?: (
    rejected: RowError,
    cells: readonly Cell[],
    header: SheetHeader,
  ) => Promise<void> | void;
}

export interface ImportResult {
  readonly dryRun: boolean;
  readonly mode: ImportMode;
  /** data rows in the sheet (blank rows not counted) */
  readonly rows: number;
  /** rows committed: 0 for a dry run, and for all-or-nothing with any row refused */
  readonly imported: number;
  readonly rejected: number;
}

export const DEFAULT_BATCH_SIZE = 1000;

/**
 * Imports the rows of a sheet into the target entity, streamed: the header is mapped (and
 * refused, with every problem, before any row is read), then rows are read, converted and
 * written a batch at a time (writeBatch: the API's own checks), never more than one batch in
 * memory. One transaction for the whole file, committed at the end: `all-or-nothing` rolls it
 * back when any row was refused (every refused row still reported), `skip-bad-rows` commits the
 * good rows, `dryRun` always rolls back. Refused rows go to `onRejected` as they are found.
 */
export async function importRecords(
  db: Database,
  target: ImportTarget,
  sheet: AsyncIterable<SheetRow>,
  options: ImportOptions,
): Promise<ImportResult> {
  const rows = sheet[Symbol.asyncIterator]();
  try {
    return await importRows(db, target, rows, options);
  } finally {
    // closes the file, also when the header was refused or a row broke the import
    await rows.return?.();
  }
}

async function importRows(
  db: Database,
  target: ImportTarget,
  rows: AsyncIterator<SheetRow>,
  options: ImportOptions,
): Promise<ImportResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const header = await rows.next();
  if (header.done) throw new HttpError(400, "empty-file", "the file has no header row");
  const headers = header.value.cells.map(cellText);
  const mapping = mapColumns(target.entity, headers);
  checkColumns(target, mapping);
  const sheetHeader: SheetHeader = {
    headers,
    headerOf: new Map(mapping.columns.map((column) => [column.field.name, column.header])),
  };
  const lookups = linkLookups(target, mapping);
  const counts = { read: 0, written: 0, rejected: 0 };
  const finish = async (tx: Knex.Transaction, batch: PendingRow[]) => {
    counts.written += await writeBatch(tx, target, await withLinks(tx, batch, lookups));
    for (const row of batch) {
      if (row.errors.length === 0) continue;
      counts.rejected++;
      await options.onRejected?.(
        { row: row.source.row, errors: row.errors },
        row.source.cells,
        sheetHeader,
      );
    }
    options.onProgress?.({ ...counts });
  };
  const work = async (tx: Knex.Transaction): Promise<void> => {
    let batch: PendingRow[] = [];
    for (let next = await rows.next(); !next.done; next = await rows.next()) {
      if (next.value.cells.every(isBlank)) continue;
      counts.read++;
      batch.push(pendingRow(next.value, mapping));
      if (batch.length >= batchSize) {
        await finish(tx, batch);
        batch = [];
      }
    }
    if (batch.length > 0) await finish(tx, batch);
    if (options.dryRun || (options.mode === "all-or-nothing" && counts.rejected > 0))
      throw new RollBack("the import is rolled back");
  };
  try {
    await db.transaction(work);
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    return result(options, counts, 0);
  }
  return result(options, counts, counts.written);
}

/** Thrown to roll the import's transaction back once everything was checked. */
class RollBack extends Error {}

function result(
  options: ImportOptions,
  counts: { read: number; rejected: number },
  imported: number,
): ImportResult {
  return {
    dryRun: options.dryRun,
    mode: options.mode,
    rows: counts.read,
    imported,
    rejected: counts.rejected,
  };
}

/**
 * A row's body as a POST would carry it: each column's converted value under its field's name,
 * blank cells left out (the field's default then applies, as for a property not sent).
 */
function pendingRow(source: SheetRow, mapping: ColumnMapping): PendingRow {
  const body: Record<string, unknown> = {};
  const errors: ErrorDetail[] = [];
  for (const column of mapping.columns) {
    const cell = source.cells[column.index] ?? null;
    if (isBlank(cell)) continue;
    const path = `/${column.field.name}`;
    if (isCellError(cell)) {
      errors.push({ path, message: `the cell holds the error ${cell.error}` });
      continue;
    }
    const converted = column.convert(cell);
    if (converted.ok) body[column.field.name] = converted.value;
    else errors.push({ path, message: converted.message });
  }
  for (const index of mapping.unnamed)
    if (!isBlank(source.cells[index] ?? null))
      errors.push({
        path: `/columns/${index}`,
        message: `column ${index + 1} has a value but no header`,
      });
  for (let index = source.cells.length - 1; index >= mapping.width; index--)
    if (!isBlank(source.cells[index]!))
      errors.push({
        path: `/columns/${index}`,
        message: `column ${index + 1} has a value but no header`,
      });
  return { source, body, errors };
}

/** link field → the lookup of its target, for the link columns of the sheet */
function linkLookups(target: ImportTarget, mapping: ColumnMapping): Map<string, KeyLookup> {
  const lookups = new Map<string, KeyLookup>();
  const byTarget = new Map<string, KeyLookup>();
  for (const { field } of mapping.columns) {
    if (field.type !== "link" || field.target === undefined) continue;
    let lookup = byTarget.get(field.target);
    if (!lookup) {
      lookup = keyLookup(target.reader, field.target);
      byTarget.set(field.target, lookup);
    }
    lookups.set(field.name, lookup);
  }
  return lookups;
}

/** Replaces the batch's link key texts by ids: one query per target entity for the batch. */
async function withLinks(
  tx: Knex.Transaction,
  batch: PendingRow[],
  lookups: ReadonlyMap<string, KeyLookup>,
): Promise<PendingRow[]> {
  const texts = new Map<KeyLookup, Set<string>>();
  for (const row of batch)
    for (const [field, lookup] of lookups) {
      const value = row.body[field];
      if (!(value instanceof LinkKey)) continue;
      const set = texts.get(lookup) ?? new Set<string>();
      texts.set(lookup, set.add(value.text));
    }
  const resolved = new Map<KeyLookup, Awaited<ReturnType<typeof resolveKeys>>>();
  for (const [lookup, set] of texts) resolved.set(lookup, await resolveKeys(tx, lookup, set));
  for (const row of batch)
    for (const [field, lookup] of lookups) {
      const value = row.body[field];
      if (!(value instanceof LinkKey)) continue;
      const found = resolved.get(lookup)!.get(value.text)!;
      if ("id" in found) row.body[field] = found.id;
      else row.errors.push({ path: `/${field}`, message: found.message });
    }
  return batch;
}
