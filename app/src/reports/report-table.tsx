import type { ReportResult } from "@loom/engine";
import { useLanguage } from "../i18n/language.tsx";
import { useReportFormat } from "./report-format.ts";

export interface ReportTableProps {
  result: ReportResult;
  /** a totals row (the measures over every matching record, not only the rows shown) */
  totals: boolean;
  onDrill?: (rowIndex: number) => void;
}

/**
 * A result as a table: dimensions then measures. With drill-down, the first cell of each row is
 * a button that opens the row's records (a keyboard reaches it like any button).
 */
export function ReportTable({ result, totals, onDrill }: ReportTableProps) {
  const { t } = useLanguage();
  const format = useReportFormat(result);
  const { columns, rows } = result;
  const numeric = (index: number) => columns[index]?.kind === "measure";
  const cellClass = (index: number) => (numeric(index) ? "numeric" : undefined);
  return (
    <div className="table-wrap report-table">
      <table className="list">
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={column.name} scope="col" className={cellClass(i)}>
                {format.title(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a result's rows have no id; they are shown in place
            <tr key={rowIndex}>
              {columns.map((column, i) => {
                const text = format.value(column, row[i]);
                return (
                  <td key={column.name} className={cellClass(i)}>
                    {i === 0 && onDrill ? (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => onDrill(rowIndex)}
                        aria-label={t("openRecords", { what: text })}
                      >
                        {text}
                      </button>
                    ) : (
                      text
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        {totals && rows.length > 0 && (
          <tfoot>
            <tr className="totals">
              {columns.map((column, i) => (
                <td key={column.name} className={cellClass(i)}>
                  {column.kind === "measure"
                    ? format.value(column, result.totals[column.name])
                    : i === 0
                      ? t("total")
                      : ""}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
