import { useLanguage } from "@loom/app/i18n";
import { navigate } from "@loom/app/router";
import { useMemo, useState } from "react";
import type { DocumentEntry } from "../draft/document-files.ts";
import { useDraft } from "../draft/draft-context.tsx";
import { expressionModel } from "../expressions/expression-model.ts";
import { useReportWords } from "../i18n/report-words.ts";
import { documentRefusalText } from "../shell/document-refusal-text.ts";
import { NameLabelsForm } from "../shell/name-labels-form.tsx";
import { designerPaths } from "../shell/routes.ts";
import { addReport } from "./report-edits.ts";
import { reportEntities, WORKFLOW_TASKS } from "./report-fields.ts";

/**
 * A new report of the draft's package, `reports/<name>.json`: over the entity picked here, rows
 * counted in a table to start from; or a copy of `from`. It opens once made.
 */
export function ReportForm({ from, onDone }: { from?: DocumentEntry; onDone(): void }) {
  const { ctx, session } = useDraft();
  const { w } = useReportWords();
  const { label } = useLanguage();
  const entities = useMemo(() => reportEntities(expressionModel(ctx)), [ctx]);
  const [entity, setEntity] = useState(entities[0]?.name ?? "");
  return (
    <NameLabelsForm
      title={from ? w("copyTitle", { label: label(from.labels, from.name) }) : w("newReport")}
      heading={from !== undefined}
      className="new-entity report-form"
      nameLabel={w("reportName")}
      nameHelp={w("nameHelp")}
      initial={
        from && {
          name: `${from.name}_copy`,
          en: w("copyOf", { label: from.labels?.en ?? from.name }),
        }
      }
      create={(name, labels) => {
        const result = addReport(ctx, name, labels, entity, from?.name);
        if (!result.ok) return documentRefusalText(w, result.refusal);
        session.edit(result.changes);
        navigate(designerPaths.reports(name));
        return null;
      }}
      onDone={onDone}
    >
      {!from && (
        <>
          <label htmlFor="new-report-entity">{w("entity")}</label>
          <select id="new-report-entity" value={entity} onChange={(e) => setEntity(e.target.value)}>
            {entities.map((e) => (
              <option key={e.name} value={e.name}>
                {e.name === WORKFLOW_TASKS ? w("workflowTasks") : label(e.labels, e.name)} ({e.name}
                )
              </option>
            ))}
          </select>
        </>
      )}
    </NameLabelsForm>
  );
}
