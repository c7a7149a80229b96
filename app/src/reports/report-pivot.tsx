import type { ReportResult, Visualization } from "@loom/engine";
import { useMemo } from "react";
import { useLanguage } from "../i18n/language.tsx";
import { pivotCells } from "./pivot-cells.ts";
import { useReportFormat } from "./report-format.ts";

export interface ReportPivotProps {
  result: ReportResult;
  visualization: Extract<Visualization, { type: "pivot" }>;
  onDrill?: (rowIndex: number) => void;
}

/** One measure across two dimensions: the rows' values down, the columns' across, with totals. */
export function ReportPivot({ result, visualization, onDrill }: ReportPivotProps) {
  const { t } = useLanguage();
  const format = useReportFormat(result);
  const { rows, columns, measure, totals } = visualization;
  const cells = useMemo(
    () => pivotCells(result, rows, columns, measure),
    [result, rows, columns, measure],
  );
  const column = (name: string) => result.columns.find((c) => c.name === name)!;
  const rowColumn = column(rows);
  const columnColumn = column(columns);
  const measureColumn = column(measure);
  const number = (value: number | null) =>
    value === null ? "" : format.value(measureColumn, value);
  return (
    <div className="table-wrap report-table">
      <table className="list pivot">
        <thead>
          <tr>
            <th scope="col">
              {format.title(rowColumn)} \ {format.title(columnColumn)}
            </th>
            {cells.columnKeys.map((key, c) => (
              <th key={String(c)} scope="col" className="numeric">
                {format.value(columnColumn, key)}
              </th>
            ))}
            {totals && (
              <th scope="col" className="numeric">
                {t("total")}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {cells.rowKeys.map((key, r) => (
            <tr key={String(r)}>
              <th scope="row">{format.value(rowColumn, key)}</th>
              {cells.columnKeys.map((columnKey, c) => {
                const rowIndex = cells.rowOf(r, c);
                const text = number(cells.value(r, c));
                return (
                  <td key={String(c)} className="numeric">
                    {rowIndex !== undefined && onDrill ? (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => onDrill(rowIndex)}
                        aria-label={t("openRecords", {
                          what: `${format.value(rowColumn, key)}, ${format.value(columnColumn, columnKey)}: ${text}`,
                        })}
                      >
                        {text}
                      </button>
                    ) : (
                      text
                    )}
                  </td>
                );
              })}
              {totals && <td className="numeric totals">{number(cells.rowTotal(r))}</td>}
            </tr>
          ))}
        </tbody>
        {totals && (
          <tfoot>
            <tr className="totals">
              <th scope="row">{t("total")}</th>
              {cells.columnKeys.map((_key, c) => (
                <td key={String(c)} className="numeric">
                  {number(cells.columnTotal(c))}
                </td>
              ))}
              <td className="numeric">{number(result.totals[measure] ?? null)}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
