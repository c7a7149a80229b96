import type { ReportResult, Visualization } from "@loom/engine";
import { useLanguage } from "../i18n/language.tsx";
import { useReportFormat } from "./report-format.ts";

export interface ReportKpiProps {
  result: ReportResult;
  visualization: Extract<Visualization, { type: "kpi" }>;
  onDrill?: (rowIndex: number) => void;
}

/** One big figure, and its change from the previous period of the same length (arrow and %). */
export function ReportKpi({ result, visualization, onDrill }: ReportKpiProps) {
  const { language, t } = useLanguage();
  const format = useReportFormat(result);
  const index = result.columns.findIndex((c) => c.name === visualization.measure);
  const column = result.columns[index]!;
  // the totals hold the measure over every matching record; a KPI has no dimensions anyway
  const current = result.totals[column.name] ?? numeric(result.rows[0]?.[index]);
  const previous = result.previous?.[column.name] ?? null;
  const text = format.value(column, current);
  const change =
    current !== null && previous !== null && previous !== 0
      ? (current - previous) / Math.abs(previous)
      : null;
  const percent = new Intl.NumberFormat(language, {
    style: "percent",
    maximumFractionDigits: 1,
    signDisplay: "exceptZero",
  });
  const direction = change === null || change === 0 ? "flat" : change > 0 ? "up" : "down";
  return (
    <div className="report-kpi">
      {onDrill && result.rows.length > 0 ? (
        <button
          type="button"
          className="kpi-value link-button"
          onClick={() => onDrill(0)}
          aria-label={t("openRecords", { what: text })}
        >
          {text}
        </button>
      ) : (
        <span className="kpi-value">{text}</span>
      )}
      {visualization.compare === "previous-period" && (
        <span className={`kpi-change ${direction}`} data-testid="kpi-change">
          {change === null ? (
            t("noPreviousFigure")
          ) : (
            <>
              <span aria-hidden="true">
                {direction === "up" ? "▲ " : direction === "down" ? "▼ " : ""}
              </span>
              {t("vsPrevious", {
                change: percent.format(change),
                previous: format.value(column, previous),
              })}
            </>
          )}
        </span>
      )}
    </div>
  );
}

function numeric(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}
