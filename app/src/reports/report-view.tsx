import type { ReportResult } from "@loom/engine";
import { useLanguage } from "../i18n/language.tsx";
import { ReportChart } from "./report-chart.tsx";
import { ReportKpi } from "./report-kpi.tsx";
import { ReportPivot } from "./report-pivot.tsx";
import { ReportTable } from "./report-table.tsx";
import "./reports.css";

export interface ReportViewProps {
  result: ReportResult;
  /** a bar, slice, point or row was clicked: `rowIndex` into `result.rows` (and `result.drill.where`) */
  onDrill?: (rowIndex: number) => void;
}

/**
 * A report's result drawn as its visualization asks: table (with totals), pivot, bar, line, pie or
 * KPI. Presentational: the caller runs the report and decides what a drill opens.
 */
export function ReportView({ result, onDrill }: ReportViewProps) {
  const { t, label } = useLanguage();
  const visualization = result.report.visualization;
  const empty = result.rows.length === 0 && visualization.type !== "kpi";
  return (
    <div className={`report-view ${visualization.type}`} data-report={result.report.name}>
      {empty ? (
        <p className="note report-empty">{t("noReportData")}</p>
      ) : visualization.type === "table" ? (
        <ReportTable result={result} totals={visualization.totals === true} onDrill={onDrill} />
      ) : visualization.type === "pivot" ? (
        <ReportPivot result={result} visualization={visualization} onDrill={onDrill} />
      ) : visualization.type === "kpi" ? (
        <ReportKpi result={result} visualization={visualization} onDrill={onDrill} />
      ) : (
        <ReportChart
          result={result}
          visualization={visualization}
          label={label(result.report.labels, result.report.name)}
          onDrill={onDrill}
        />
      )}
      {/* a top N (the report's own limit) is cut on purpose; the API's cap is worth saying */}
      {result.truncated && result.report.limit === undefined && (
        <p className="note report-truncated">
          {t("truncatedGroups", { count: result.rows.length })}
        </p>
      )}
    </div>
  );
}
