import { useLanguage } from "@loom/app/i18n";
import type { Labels } from "@loom/engine";
import { useReportWords } from "../i18n/report-words.ts";
import { DocumentLabels } from "../shell/document-labels.tsx";
import { AtPointer, ProblemsAt } from "./problem-text.tsx";
import type { ReportDraft } from "./report-def.ts";
import { WORKFLOW_TASKS } from "./report-fields.ts";
import type { ReportEdits } from "./use-report-edits.ts";

export interface EntityChoice {
  readonly name: string;
  readonly labels: Labels | null;
  readonly line: boolean;
}

/** A list view a click in the chart may open: one of the root entity (or of a line's document). */
export interface ViewChoice {
  readonly name: string;
  readonly labels: Labels | null;
  readonly entity: string;
}

/** The report's labels and description, the entity its data comes from, the view a click opens. */
export function ReportBasics({
  report,
  entities,
  views,
  edits,
  readOnly,
}: {
  report: ReportDraft;
  entities: readonly EntityChoice[];
  views: readonly ViewChoice[];
  edits: ReportEdits;
  readOnly: boolean;
}) {
  const { w } = useReportWords();
  const { label } = useLanguage();
  const entityName = (e: EntityChoice) =>
    e.name === WORKFLOW_TASKS
      ? w("workflowTasks")
      : `${label(e.labels, e.name)}${e.line ? ` (${w("lineOf")})` : ""}`;
  return (
    <fieldset className="report-section" data-section="basics">
      <legend>{w("basics")}</legend>
      <div className="report-grid">
        <DocumentLabels
          labels={report.labels}
          description={report.description}
          readOnly={readOnly}
          onChange={(property, labels) => edits.set([property], labels)}
        />
        <AtPointer pointer="/entity">
          {(invalid) => (
            <>
              <label htmlFor="report-entity">{w("entity")}</label>
              <select
                id="report-entity"
                value={report.entity ?? ""}
                disabled={readOnly}
                onChange={(e) => edits.set(["entity"], e.target.value)}
                aria-describedby="report-entity-help"
                {...invalid}
              >
                {!entities.some((e) => e.name === report.entity) && (
                  <option value={report.entity ?? ""}>{report.entity ?? w("choose")}</option>
                )}
                {entities.map((e) => (
                  <option key={e.name} value={e.name}>
                    {entityName(e)} ({e.name})
                  </option>
                ))}
              </select>
            </>
          )}
        </AtPointer>
        <span />
        <p id="report-entity-help" className="hint">
          {w("entityHelp")}
        </p>
        <AtPointer pointer="/drill/view">
          {(invalid) => (
            <>
              <label htmlFor="report-drill">{w("drillView")}</label>
              <select
                id="report-drill"
                value={report.drill?.view ?? ""}
                disabled={readOnly}
                onChange={(e) =>
                  edits.set(["drill"], e.target.value ? { view: e.target.value } : undefined)
                }
                {...invalid}
              >
                <option value="">{w("drillDefault")}</option>
                {report.drill?.view !== undefined &&
                  !views.some((v) => v.name === report.drill?.view) && (
                    <option value={report.drill.view}>{report.drill.view}</option>
                  )}
                {views.map((v) => (
                  <option key={v.name} value={v.name}>
                    {label(v.labels, v.name)} ({v.name})
                  </option>
                ))}
              </select>
            </>
          )}
        </AtPointer>
      </div>
      <ProblemsAt pointer="/drill" />
    </fieldset>
  );
}
