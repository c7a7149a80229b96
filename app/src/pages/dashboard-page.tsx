import type { DashboardDef, ReportSummary } from "@loom/engine";
import { useMemo } from "react";
import { useLanguage } from "../i18n/language.tsx";
import { Loading } from "../layout/loading.tsx";
import { PageTitle } from "../layout/page-title.tsx";
import { DashboardTile } from "../reports/dashboard-tile.tsx";
import { ParameterBar } from "../reports/parameter-bar.tsx";
import { initialValues, valuesFor } from "../reports/parameter-defaults.ts";
import { parameterSearch, valuesOf } from "../reports/report-api.ts";
import { useReportCatalog } from "../reports/use-report-catalog.ts";
import { navigate, paths, useLocation } from "../router/router.tsx";
import { NotFoundPage } from "./not-found-page.tsx";

/** A dashboard (by name): its shared parameters, then its tiles on a 12-column grid. */
export function DashboardPage({ name }: { name: string }) {
  const catalog = useReportCatalog();
  if (catalog === null) return <Loading look="block" />;
  const dashboard = catalog.dashboards.find((d) => d.name === name);
  if (!dashboard) return <NotFoundPage />;
  return <Dashboard key={dashboard.name} dashboard={dashboard} reports={catalog.reports} />;
}

function Dashboard({
  dashboard,
  reports,
}: {
  dashboard: DashboardDef;
  reports: readonly ReportSummary[];
}) {
  const { label } = useLanguage();
  const { search } = useLocation();
  const parameters = dashboard.parameters ?? [];
  // the address holds what the user applied; the rest are the dashboard's defaults
  const values = useMemo(() => initialValues(parameters, valuesOf(search)), [parameters, search]);
  const tiles = [...dashboard.tiles].sort((a, b) => a.y - b.y || a.x - b.x);
  return (
    <section className="page dashboard-page" aria-labelledby="page-title">
      <header className="page-header">
        <div>
          <PageTitle>{label(dashboard.labels, dashboard.name)}</PageTitle>
          {dashboard.description && <p className="note">{label(dashboard.description)}</p>}
        </div>
      </header>
      <ParameterBar
        parameters={parameters}
        values={values}
        onApply={(applied) => navigate(paths.dashboard(dashboard.name, parameterSearch(applied)))}
      />
      <div className="dashboard-grid">
        {tiles.map((tile) => {
          const summary = reports.find((r) => r.name === tile.report);
          return (
            <DashboardTile
              key={`${tile.report}@${tile.x},${tile.y}`}
              tile={tile}
              summary={summary}
              values={summary ? valuesFor(summary.parameters, values) : {}}
            />
          );
        })}
      </div>
    </section>
  );
}
