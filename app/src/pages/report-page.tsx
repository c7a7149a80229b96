import type { ReportResult } from "@loom/engine";
import { useMemo } from "react";
import { useLanguage } from "../i18n/language.tsx";
import { Loading } from "../layout/loading.tsx";
import { PageTitle } from "../layout/page-title.tsx";
import { useDrill } from "../reports/drill.ts";
import { ParameterBar } from "../reports/parameter-bar.tsx";
import { exportHref, parameterSearch, valuesOf } from "../reports/report-api.ts";
import { ReportError } from "../reports/report-error.tsx";
import { ReportTable } from "../reports/report-table.tsx";
import { ReportView } from "../reports/report-view.tsx";
import { useReport } from "../reports/use-report.ts";
import { Link, navigate, paths, useLocation } from "../router/router.tsx";

/**
 * One report (by name): its parameters, the chart, the data beneath it, and exports. The address
 * carries the applied parameter values; the server resolves the defaults of the rest.
 */
export function ReportPage({ name }: { name: string }) {
  const { t, label } = useLanguage();
  const { search } = useLocation();
  const address = useMemo(() => valuesOf(search), [search]);
  const state = useReport(name, address);
  const result =
    state.status === "ready" ? state.result : state.status === "loading" ? state.previous : null;
  const title = result ? label(result.report.labels, name) : name;
  const onDrill = useDrill(result, title);
  const visualization = result?.report.visualization.type;
  return (
    <section className="page report-page" aria-labelledby="page-title">
      <header className="page-header">
        <div>
          <PageTitle>{title}</PageTitle>
          {result?.report.description && <p className="note">{label(result.report.description)}</p>}
        </div>
        {result && (
          <div className="toolbar">
            <a className="button" href={exportHref(name, "csv", address)} download>
              {t("exportCsv")}
            </a>
            <a className="button" href={exportHref(name, "xlsx", address)} download>
              {t("exportXlsx")}
            </a>
          </div>
        )}
      </header>
      {result && (
        <ParameterBar
          parameters={result.report.parameters ?? []}
          values={{ ...effectiveValues(result), ...address }}
          onApply={(applied) => navigate(paths.report(name, parameterSearch(applied)))}
        />
      )}
      {state.status === "failed" ? (
        <>
          <ReportError error={state.error} />
          {search !== "" && (
            <p>
              <Link to={paths.report(name)}>{t("runWithDefaults")}</Link>
            </p>
          )}
        </>
      ) : !result ? (
        <Loading look="block" />
      ) : (
        <div aria-busy={state.status === "loading"}>
          <div className="report-figure">
            <ReportView result={result} onDrill={onDrill} />
          </div>
          {onDrill && <p className="note">{t("drillHint")}</p>}
          {/* a table or a KPI is its own data; charts and pivots get theirs beneath */}
          {visualization !== "table" && visualization !== "kpi" && result.rows.length > 0 && (
            <>
              <h2>{t("reportData")}</h2>
              <ReportTable result={result} totals onDrill={onDrill} />
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** The values the server ran with, as text for the form (dates already ISO days). */
function effectiveValues(result: ReportResult): Record<string, string> {
  return Object.fromEntries(
    Object.entries(result.parameters)
      .filter(([, value]) => value !== null && value !== undefined)
      // a date may come as a timestamp at midnight: the form's date input wants the day
      .map(([name, value]) => [name, String(value).replace(/^(\d{4}-\d{2}-\d{2})T.*$/, "$1")]),
  );
}
