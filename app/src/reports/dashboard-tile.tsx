import type { ReportSummary, DashboardTile as Tile } from "@loom/engine";
import type { CSSProperties } from "react";
import { useId } from "react";
import { useLanguage } from "../i18n/language.tsx";
import { Link, paths } from "../router/router.tsx";
import { useDrill } from "./drill.ts";
import { type ParameterValues, parameterSearch } from "./report-api.ts";
import { ReportError } from "./report-error.tsx";
import { ReportView } from "./report-view.tsx";
import { useReport } from "./use-report.ts";

export interface DashboardTileProps {
  tile: Tile;
  /** the report as the catalog lists it; absent when the user may not run it */
  summary: ReportSummary | undefined;
  /** the values of the report's own parameters */
  values: ParameterValues;
}

/** One report of a dashboard in its grid cell: title, then the chart, a skeleton, or why not. */
export function DashboardTile({ tile, summary, values }: DashboardTileProps) {
  const { t, label } = useLanguage();
  const state = useReport(tile.report, values);
  const headingId = useId();
  const result =
    state.status === "ready" ? state.result : state.status === "loading" ? state.previous : null;
  const title = label(tile.title ?? summary?.labels ?? result?.report.labels, tile.report);
  const onDrill = useDrill(result, title);
  const place = { "--x": tile.x, "--y": tile.y, "--w": tile.w, "--h": tile.h } as CSSProperties;
  return (
    <section
      className="tile"
      style={place}
      aria-labelledby={headingId}
      aria-busy={state.status === "loading"}
      data-tile={tile.report}
    >
      <header className="tile-title">
        <h2 id={headingId}>{title}</h2>
        {summary && (
          <Link to={paths.report(tile.report, parameterSearch(values))}>{t("reportData")}</Link>
        )}
      </header>
      <div className="tile-body">
        {state.status === "failed" ? (
          <ReportError error={state.error} />
        ) : result ? (
          <ReportView result={result} onDrill={onDrill} />
        ) : (
          <div className="tile-skeleton" aria-hidden="true" />
        )}
      </div>
    </section>
  );
}
