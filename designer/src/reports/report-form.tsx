import { useLanguage } from "@loom/app/i18n";
import { useMemo, useState } from "react";
import type { DocumentEntry } from "../draft/document-files.ts";
import { useDraft } from "../draft/draft-context.tsx";
import { expressionModel } from "../expressions/expression-model.ts";
import { useReportWords } from "../i18n/report-words.ts";
import { DocumentForm } from "../shell/document-form.tsx";
import { designerPaths } from "../shell/routes.ts";
import { addReport } from "./report-edits.ts";
import { reportEntities, WORKFLOW_TASKS } from "./report-fields.ts";

/**
 * A new report of the draft's package, `reports/<name>.json`: over the entity picked here, rows
 * counted in a table to start from; or a copy of `from`. It opens once made.
 */
export function ReportForm({ from, onDone }: { from?: DocumentEntry; onDone(): void }) {
  const { ctx } = useDraft();
  const { w } = useReportWords();
  const { label } = useLanguage();
  const entities = useMemo(() => reportEntities(expressionModel(ctx)), [ctx]);
  const [entity, setEntity] = useState(entities[0]?.name ?? "");
  return (
    <DocumentForm
      from={from}
      newTitle={w("newReport")}
      className="new-entity report-form"
      nameLabel={w("reportName")}
      add={(draft, name, labels) => addReport(draft, name, labels, entity, from?.name)}
      pathTo={designerPaths.reports}
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
    </DocumentForm>
  );
}
