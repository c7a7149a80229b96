import type { Knex } from "knex";
import type { Database } from "../db/database.ts";
import { type ErrorDetail, HttpError } from "../server/http-error.ts";
import { LinkKey } from "./cell-values.ts";
import { type Cell, cellText, isBlank, isCellError, type SheetRow } from "./cells.ts";
import { type ColumnMapping, mapColumns } from "./import-columns.ts";
import { checkColumns, type ImportTarget } from "./import-target.ts";
import { type KeyLookup, keyLookup, resolveKeys } from "./link-keys.ts";
import type { SheetHeader } from "./rejected-file.ts";
import { buildRecord, PENDING_LINK, type PendingRow, writeBatch } from "./write-batch.ts";

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
 * written a batch at a time (write-batch.ts: the API's own checks), never more than two batches
 * in memory (the next is read while this one is stored). One transaction for the whole file,
 * committed at the end: `all-or-nothing` rolls it back when any row was refused (every refused
 * row still reported), `skip-bad-rows` commits the good rows, `dryRun` always rolls back. Refused rows go to `onRejected` as they are found.
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
  const finish = async (tx: Knex.Transaction, { rows: batch, now }: Batch) => {
    await withLinks(tx, batch, lookups);
    counts.written += await writeBatch(tx, target, batch, now);
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
  const readBatch = async (): Promise<Batch> => {
    const batch: PendingRow[] = [];
    const now = new Date();
    while (batch.length < batchSize) {
      const next = await rows.next();
      if (next.done) break;
      if (next.value.cells.every(isBlank)) continue;
      counts.read++;
      const row = pendingRow(next.value, mapping);
      buildRecord(target, row, now);
      batch.push(row);
      // rows of a chunk already read come as microtasks: without a turn of the event loop now
      // and then, the answers of the database would wait for the whole chunk (bench/packages:
      // 25 rows per turn, +25 % rows/s on the server)
      if (batch.length % 25 === 0) await new Promise(setImmediate);
    }
    return { rows: batch, now };
  };
  // The next batch is read, converted and validated while the database stores this one (its
  // queries start only once this one is stored, so a row may link to a row of the batch before).
  const work = async (tx: Knex.Transaction): Promise<void> => {
    let storing: Promise<void> = Promise.resolve();
    try {
      for (;;) {
        const batch = await readBatch();
        await storing;
        if (batch.rows.length === 0) break;
        storing = finish(tx, batch);
        // awaited at the next turn; not an unhandled rejection while the next batch is read
        storing.catch(() => undefined);
      }
    } finally {
      // a file that broke mid-read still waits for the batch in the database before the rollback
      await storing.catch(() => undefined);
    }
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

/** Rows read and built together, and the time their records were built at. */
interface Batch {
  readonly rows: PendingRow[];
  readonly now: Date;
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
  const keys: [string, LinkKey][] = [];
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
    if (!converted.ok) errors.push({ path, message: converted.message });
    else if (converted.value instanceof LinkKey) {
      keys.push([column.field.name, converted.value]);
      body[column.field.name] = PENDING_LINK;
    } else body[column.field.name] = converted.value;
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
  return { source, body, keys, errors };
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

/**
 * Puts in the records of the batch the ids their link key texts name (a row refused before its
 * record was built still gets the reasons its keys are wrong): one query per target entity.
 */
async function withLinks(
  tx: Knex.Transaction,
  batch: readonly PendingRow[],
  lookups: ReadonlyMap<string, KeyLookup>,
): Promise<void> {
  const texts = new Map<KeyLookup, Set<string>>();
  for (const row of batch)
    for (const [field, key] of row.keys) {
      const lookup = lookups.get(field)!;
      const set = texts.get(lookup) ?? new Set<string>();
      texts.set(lookup, set.add(key.text));
    }
  const resolved = new Map<KeyLookup, Awaited<ReturnType<typeof resolveKeys>>>();
  for (const [lookup, set] of texts) resolved.set(lookup, await resolveKeys(tx, lookup, set));
  for (const row of batch)
    for (const [field, key] of row.keys) {
      const found = resolved.get(lookups.get(field)!)!.get(key.text)!;
      if (!("id" in found)) row.errors.push({ path: `/${field}`, message: found.message });
      else if (row.record) row.record[field] = found.id;
    }
}
