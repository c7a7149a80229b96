import { PageTitle } from "@loom/app/layout/page-title";
import { useMemo } from "react";
import { documentCatalog } from "../draft/document-files.ts";
import { useDraft } from "../draft/draft-context.tsx";
import { useReportWords } from "../i18n/report-words.ts";
import { DocumentList } from "../shell/document-list.tsx";
import { designerPaths } from "../shell/routes.ts";
import { ReportEditor } from "./report-editor.tsx";
import { REPORT } from "./report-edits.ts";
import { ReportForm } from "./report-form.tsx";
import "./reports.css";

/** The reports of the draft (built here) and of the packages it builds on (read only, copied). */
export default function ReportsPage({ name }: { name: string | null }) {
  const { ctx } = useDraft();
  const { w } = useReportWords();
  const catalog = useMemo(() => documentCatalog(ctx, REPORT), [ctx]);
  const chosen = name === null ? undefined : catalog.find((entry) => entry.name === name);
  return (
    <div className="entities-page reports-page">
      <DocumentList
        title={w("reportsTitle")}
        catalog={catalog}
        current={name}
        linkTo={designerPaths.reports}
        newLabel={w("newReport")}
        form={(onDone) => <ReportForm onDone={onDone} />}
      />
      <section className="page report-page" aria-labelledby="page-title">
        {chosen ? (
          <ReportEditor key={`${chosen.package}/${chosen.name}`} entry={chosen} />
        ) : (
          <>
            <header className="page-header">
              <PageTitle>{w("reportsTitle")}</PageTitle>
            </header>
            <p className="note">{name === null ? w("pickReport") : w("noSuchReport", { name })}</p>
          </>
        )}
      </section>
    </div>
  );
}
