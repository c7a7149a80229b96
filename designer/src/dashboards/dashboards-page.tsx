import { PageTitle } from "@loom/app/layout/page-title";
import { useMemo } from "react";
import { documentCatalog } from "../draft/document-files.ts";
import { useDraft } from "../draft/draft-context.tsx";
import { useReportWords } from "../i18n/report-words.ts";
import { DocumentList } from "../shell/document-list.tsx";
import { designerPaths } from "../shell/routes.ts";
import { DashboardEditor } from "./dashboard-editor.tsx";
import { DASHBOARD } from "./dashboard-edits.ts";
import { DashboardForm } from "./dashboard-form.tsx";
import "../reports/reports.css";
import "./dashboards.css";

/** The dashboards of the draft (laid out here) and of the packages it builds on (read only, copied). */
export default function DashboardsPage({ name }: { name: string | null }) {
  const { ctx } = useDraft();
  const { w } = useReportWords();
  const catalog = useMemo(() => documentCatalog(ctx, DASHBOARD), [ctx]);
  const chosen = name === null ? undefined : catalog.find((entry) => entry.name === name);
  return (
    <div className="entities-page dashboards-page">
      <DocumentList
        title={w("dashboardsTitle")}
        catalog={catalog}
        current={name}
        linkTo={designerPaths.dashboards}
        newLabel={w("newDashboard")}
        form={(onDone) => <DashboardForm onDone={onDone} />}
      />
      <section className="page dashboard-page" aria-labelledby="page-title">
        {chosen ? (
          <DashboardEditor key={`${chosen.package}/${chosen.name}`} entry={chosen} />
        ) : (
          <>
            <header className="page-header">
              <PageTitle>{w("dashboardsTitle")}</PageTitle>
            </header>
            <p className="note">
              {name === null ? w("pickDashboard") : w("noSuchDashboard", { name })}
            </p>
          </>
        )}
      </section>
    </div>
  );
}
