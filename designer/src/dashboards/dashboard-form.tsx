import { useLanguage } from "@loom/app/i18n";
import { navigate } from "@loom/app/router";
import type { DocumentEntry } from "../draft/document-files.ts";
import { useDraft } from "../draft/draft-context.tsx";
import { useReportWords } from "../i18n/report-words.ts";
import { documentRefusalText } from "../shell/document-refusal-text.ts";
import { NameLabelsForm } from "../shell/name-labels-form.tsx";
import { designerPaths } from "../shell/routes.ts";
import { addDashboard } from "./dashboard-edits.ts";

/** A new dashboard of the draft's package, `dashboards/<name>.json`, or a copy of `from`; it opens once made. */
export function DashboardForm({ from, onDone }: { from?: DocumentEntry; onDone(): void }) {
  const { ctx, session } = useDraft();
  const { w } = useReportWords();
  const { label } = useLanguage();
  return (
    <NameLabelsForm
      title={from ? w("copyTitle", { label: label(from.labels, from.name) }) : w("newDashboard")}
      heading={from !== undefined}
      className="new-entity dashboard-form"
      nameLabel={w("dashboardName")}
      nameHelp={w("nameHelp")}
      initial={
        from && {
          name: `${from.name}_copy`,
          en: w("copyOf", { label: from.labels?.en ?? from.name }),
        }
      }
      create={(name, labels) => {
        const result = addDashboard(ctx, name, labels, from?.name);
        if (!result.ok) return documentRefusalText(w, result.refusal);
        session.edit(result.changes);
        navigate(designerPaths.dashboards(name));
        return null;
      }}
      onDone={onDone}
    />
  );
}
