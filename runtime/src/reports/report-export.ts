import type { ReportResult } from "@loom/engine";
import type { Response } from "express";
import type { Language } from "../api/write/accept-language.ts";
import { labelIn } from "../data-transfer/export-columns.ts";
import { type SheetFormat, XLSX_TYPE } from "../data-transfer/sheet-rows.ts";
import { tableWriter } from "../data-transfer/table-writer.ts";

const CONTENT_TYPES: Readonly<Record<SheetFormat, string>> = {
  csv: "text/csv; charset=utf-8",
  xlsx: XLSX_TYPE,
};

/**
 * A report's rows as a CSV or XLSX download: headers are the columns' labels in the language, a
 * link or select value is shown by its label (the id when the caller may not read the title), a
 * bucket by its first day; XLSX cells keep numbers as numbers and dates as dates. A report has at
 * most MAX_REPORT_ROWS rows, so the file is written in one go.
 */
export async function writeReportFile(
  res: Response,
  result: ReportResult,
  format: SheetFormat,
  language: Language,
): Promise<void> {
  const columns = result.columns.map((column) => ({
    header: labelIn(column.labels, language),
    ...(format === "xlsx" && (column.type === "date" || column.bucket) && { numFmt: "yyyy-mm-dd" }),
  }));
  const rows = result.rows.map((row) =>
    row.map((value, i) => {
      const column = result.columns[i]!;
      const label =
        value === null || value === undefined
          ? undefined
          : result.labels[column.name]?.[String(value)];
      if (label !== undefined) return label;
      if (value === null || value === undefined) return format === "csv" ? "" : null;
      if (
        format === "xlsx" &&
        (column.type === "date" || column.bucket) &&
        typeof value === "string"
      )
        return new Date(`${value.slice(0, 10)}T00:00:00Z`);
      return format === "csv" && typeof value !== "string" ? String(value) : value;
    }),
  );
  res
    .status(200)
    .type(CONTENT_TYPES[format])
    .set("Content-Disposition", `attachment; filename="${result.report.name}.${format}"`);
  const table = tableWriter(
    format,
    res,
    columns,
    labelIn(result.report.labels, language).slice(0, 31),
  );
  table.rows(rows);
  await table.end();
}
