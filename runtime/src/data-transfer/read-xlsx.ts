import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { HttpError } from "../server/http-error.ts";
import type { Cell, SheetRow } from "./cells.ts";

/** What exceljs gives for one cell (its CellValue, loosely). */
type XlsxValue =
  | null
  | undefined
  | string
  | number
  | boolean
  | Date
  | { richText: { text: string }[] }
  | { text: string; hyperlink: string }
  | { formula?: string; sharedFormula?: string; result?: unknown }
  | { error: string };

/**
 * The rows of one worksheet of an XLSX file (the first, or the one named `sheet`), streamed by
 * exceljs's WorkbookReader: rows are parsed as they are unzipped, never the whole sheet at once
 * (only the workbook's shared strings table is held). Cells come typed: numbers, booleans, real
 * dates for date-formatted cells, a number formatted as a percentage as its text (`12.5%`),
 * formulas as their cached result, rich text and hyperlinks as their text.
 */
export async function* xlsxRows(input: Readable, sheet?: string): AsyncGenerator<SheetRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  const seen: string[] = [];
  let found = false;
  try {
    for await (const worksheet of workbook) {
      // exceljs's types leave out the name its reader sets from the workbook
      const name = (worksheet as unknown as { name: string }).name;
      seen.push(name);
      if (found || (sheet !== undefined && name !== sheet)) continue;
      found = true;
      for await (const row of worksheet) {
        const values = row.values as XlsxValue[];
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++)
          cells.push(cellOf(values[i], () => row.getCell(i).numFmt));
        yield { row: row.number, cells };
      }
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(
      400,
      "bad-file",
      `the file is not a readable XLSX workbook (${error instanceof Error ? error.message : String(error)})`,
    );
  } finally {
    input.destroy();
  }
  if (!found)
    throw new HttpError(
      400,
      "unknown-sheet",
      sheet === undefined
        ? "the workbook has no worksheet"
        : `the workbook has no worksheet "${sheet}"; it has: ${seen.join(", ")}`,
      [{ path: "/query/sheet", message: `not one of: ${seen.join(", ")}` }],
    );
}

function cellOf(value: XlsxValue, numFmt: () => string | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return numFmt()?.includes("%") ? percentText(value) : value;
  if (typeof value === "string" || typeof value === "boolean" || value instanceof Date)
    return value;
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("hyperlink" in value) return value.text;
  if ("error" in value) return { error: value.error };
  if ("result" in value) return cellOf(value.result as XlsxValue, numFmt);
  return null;
}

/** 0.125 shown as 12.5 %: the text a person would type, without binary noise (0.07 × 100). */
function percentText(value: number): string {
  return `${Number((value * 100).toPrecision(15))}%`;
}
