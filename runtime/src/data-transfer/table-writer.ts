import type { Writable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { guardFormula } from "./formula-guard.ts";
import type { SheetFormat } from "./sheet-rows.ts";

/** Excel reads a CSV without a byte order mark in the system code page, garbling Chinese. */
const BOM = "\uFEFF";

/** A column of a written table: its header and, for XLSX, how its dates are shown. */
export interface TableColumn {
  readonly header: string;
  readonly numFmt?: string;
}

/**
 * Writes a table to a stream as CSV or XLSX, a batch of rows at a time: rows are handed on as
 * they come (exceljs's streaming WorkbookWriter commits each row), so the table is never held
 * whole. A writer to a file waits for `drain` while the stream's `writableNeedDrain` says so.
 */
export interface TableWriter {
  rows(rows: readonly (readonly unknown[])[]): void;
  /** ends the table; resolves once the stream has all of it */
  end(): Promise<void>;
}

export function tableWriter(
  format: SheetFormat,
  out: Writable,
  columns: readonly TableColumn[],
  sheetName = "Sheet1",
): TableWriter {
  return format === "xlsx" ? xlsxWriter(out, columns, sheetName) : csvWriter(out, columns);
}

/** UTF-8 with a byte order mark, quoted by csv-stringify as RFC 4180 wants, formulas disarmed. */
function csvWriter(out: Writable, columns: readonly TableColumn[]): TableWriter {
  out.write(BOM + stringify([columns.map((column) => column.header)]));
  return {
    rows(rows) {
      if (rows.length > 0) out.write(stringify(rows.map((row) => row.map(guardFormula))));
    },
    end: () =>
      new Promise<void>((resolve, reject) => {
        out.once("error", reject);
        out.end(resolve);
      }),
  };
}

/**
 * One worksheet, its header row frozen; shared strings off (each string is written where it
 * stands, so nothing grows with the rows), dates formatted per column.
 */
function xlsxWriter(
  out: Writable,
  columns: readonly TableColumn[],
  sheetName: string,
): TableWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet(safeSheetName(sheetName), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: Math.min(Math.max(column.header.length + 2, 12), 40),
    ...(column.numFmt ? { style: { numFmt: column.numFmt } } : {}),
  }));
  return {
    rows(rows) {
      for (const row of rows) sheet.addRow(row as unknown[]).commit();
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

/** Excel refuses sheet names over 31 characters or with any of `[]:*?/\`. */
function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet1";
}
