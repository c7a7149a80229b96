import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { type Cell, cellText, isCellError } from "./cells.ts";
import type { RowError } from "./import-records.ts";
import type { SheetFormat } from "./sheet-rows.ts";
import { type TableWriter, tableWriter } from "./table-writer.ts";

/** The sheet's header, and which column holds each field (to name columns in messages). */
export interface SheetHeader {
  readonly headers: readonly string[];
  /** the header of the column filling a field */
  readonly headerOf: ReadonlyMap<string, string>;
}

/**
 * The refused rows of an import as a file of the same columns plus `errors`, so they can be
 * fixed and imported again (the import ignores the `errors` column): CSV or XLSX, written as
 * rows are refused, created with the first one (no refused row, no file) under a temporary name
 * until `close`.
 */
export interface RejectedFile {
  add(rejected: RowError, cells: readonly Cell[], header: SheetHeader): Promise<void>;
  /** finishes the file; resolves to how many rows it holds */
  close(): Promise<number>;
  /** drops what was written (the import failed) */
  discard(): Promise<void>;
}

export function rejectedFile(path: string, format: SheetFormat): RejectedFile {
  const partial = `${path}.partial`;
  let out: WriteStream | undefined;
  let table: TableWriter | undefined;
  let count = 0;
  return {
    async add(rejected, cells, header) {
      if (!table) {
        await rm(path, { force: true });
        out = createWriteStream(partial);
        table = tableWriter(
          format,
          out,
          [...header.headers, "errors"].map((h) => ({ header: h })),
          "rejected",
        );
      }
      const values = header.headers.map((_, i) => {
        const cell = cells[i] ?? null;
        return format === "csv" || isCellError(cell) ? cellText(cell) : cell;
      });
      table.rows([[...values, errorsText(rejected, header)]]);
      count++;
      if (out!.writableNeedDrain) await once(out!, "drain");
    },
    async close() {
      if (!table) return 0;
      await table.end();
      await rename(partial, path);
      return count;
    },
    async discard() {
      out?.destroy();
      await rm(partial, { force: true });
    },
  };
}

/** `Customer Code: already used by another record; the delivery date cannot be…` */
export function errorsText(rejected: RowError, header: SheetHeader): string {
  return rejected.errors
    .map(({ path, message }) => {
      const column = /^\/columns\/(\d+)$/.exec(path);
      const where = column
        ? `column ${Number(column[1]) + 1}`
        : (header.headerOf.get(path.slice(1).split("/")[0] ?? "") ?? path.slice(1));
      return where ? `${where}: ${message}` : message;
    })
    .join("; ");
}
