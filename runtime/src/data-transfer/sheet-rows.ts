import { createReadStream } from "node:fs";
import { pipeline, Transform } from "node:stream";
import { HttpError } from "../server/http-error.ts";
import type { SheetRow } from "./cells.ts";
import { csvRows } from "./read-csv.ts";
import { xlsxRows } from "./read-xlsx.ts";

export type SheetFormat = "csv" | "xlsx";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The rows of a sheet file, streamed; `sheet` names an XLSX worksheet (default: the first);
 * `onBytes` hears how many bytes of the file were read so far (for a progress bar).
 */
export function sheetRows(
  file: string,
  format: SheetFormat,
  sheet?: string,
  onBytes?: (bytes: number) => void,
): AsyncIterable<SheetRow> {
  checkSheetChoice(format, sheet);
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      onBytes?.(bytes);
      done(null, chunk);
    },
  });
  // destroying the last stream (when the rows are no longer wanted) closes the file too
  const input = pipeline(createReadStream(file), counter, () => undefined);
  return format === "xlsx" ? xlsxRows(input, sheet) : csvRows(file, input);
}

/** 400 `bad-parameter` for a worksheet named for a CSV file, which has none. */
export function checkSheetChoice(format: SheetFormat, sheet: string | undefined): void {
  if (sheet !== undefined && format !== "xlsx")
    throw new HttpError(400, "bad-parameter", "a CSV file has no worksheets to choose from", [
      { path: "/query/sheet", message: "only for XLSX files" },
    ]);
}

/** The format a file name says: `.csv` (or `.txt`) or `.xlsx`; undefined for anything else. */
export function formatOfName(name: string): SheetFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith(".xlsx")) return "xlsx";
  if (lower.endsWith(".csv") || lower.endsWith(".txt")) return "csv";
  return undefined;
}
