import type { DocumentEntry } from "../draft/document-files.ts";
import { useReportWords } from "../i18n/report-words.ts";
import { DocumentForm } from "../shell/document-form.tsx";
import { designerPaths } from "../shell/routes.ts";
import { addDashboard } from "./dashboard-edits.ts";

/** A new dashboard of the draft's package, `dashboards/<name>.json`, or a copy of `from`; it opens once made. */
export function DashboardForm({ from, onDone }: { from?: DocumentEntry; onDone(): void }) {
  const { w } = useReportWords();
  return (
    <DocumentForm
      from={from}
      newTitle={w("newDashboard")}
      className="new-entity dashboard-form"
      nameLabel={w("dashboardName")}
      add={(ctx, name, labels) => addDashboard(ctx, name, labels, from?.name)}
      pathTo={designerPaths.dashboards}
      onDone={onDone}
    />
  );
}
