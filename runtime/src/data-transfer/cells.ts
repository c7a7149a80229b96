/**
 * A value as a sheet holds it: CSV cells are always text; XLSX cells come typed (numbers, real
 * dates, booleans) or as an error the spreadsheet shows (`#N/A`). Blank cells are null.
 */
export type Cell = string | number | boolean | Date | CellError | null;

/** A cell holding a spreadsheet error such as `#N/A` or `#DIV/0!`. */
export interface CellError {
  readonly error: string;
}

/** One row of a sheet: its number as a spreadsheet shows it (the header is row 1) and its cells. */
export interface SheetRow {
  readonly row: number;
  readonly cells: readonly Cell[];
}

export function isCellError(cell: Cell): cell is CellError {
  return typeof cell === "object" && cell !== null && !(cell instanceof Date);
}

/** Empty, or only white space: a value not given. */
export function isBlank(cell: Cell): boolean {
  return cell === null || (typeof cell === "string" && cell.trim() === "");
}

/**
 * A cell as text, for headers and for the rejected-rows file: dates at midnight UTC as
 * `YYYY-MM-DD` (a date cell), other dates as ISO text, errors as the spreadsheet shows them.
 */
export function cellText(cell: Cell): string {
  if (cell === null) return "";
  if (cell instanceof Date) {
    const iso = cell.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
  }
  if (isCellError(cell)) return cell.error;
  return String(cell);
}
