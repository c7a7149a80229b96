import type { JsonLogic } from "@loom/engine";
import { useMemo, useState } from "react";
import type { DocumentEntry } from "../draft/document-files.ts";
import { useDraft } from "../draft/draft-context.tsx";
import { ExpressionEditor } from "../expressions/expression-editor.tsx";
import { expressionModel } from "../expressions/expression-model.ts";
import { useReportWords } from "../i18n/report-words.ts";
import { DocumentPage } from "../shell/document-page.tsx";
import { designerPaths } from "../shell/routes.ts";
import { ChartOptions } from "./chart-options.tsx";
import { DimensionList } from "./dimension-list.tsx";
import { MeasureList } from "./measure-list.tsx";
import { ParameterList } from "./parameter-list.tsx";
import { ReportBasics } from "./report-basics.tsx";
import { readReport } from "./report-def.ts";
import { parentOf, reportEntities, reportPaths, WORKFLOW_TASKS } from "./report-fields.ts";
import { ReportForm } from "./report-form.tsx";
import { type PreviewedResult, ReportPreview } from "./report-preview.tsx";
import { builderPlaces, placeProblems, previewProblems } from "./report-problem-places.ts";
import { useProblemsAt } from "./report-problems.tsx";
import { SortLimit } from "./sort-limit.tsx";
import { useReportEdits } from "./use-report-edits.ts";
import { useReportPreview } from "./use-report-preview.ts";
import { viewChoices } from "./view-choices.ts";

/**
 * One report: what it is over, its groupings and measures, filter, parameters, sort and chart,
 * each input with the problems found there (the draft's check and the preview's refusal), and
 * beside it the live preview on the real data.
 */
export function ReportEditor({ entry }: { entry: DocumentEntry }) {
  const { ctx, issues } = useDraft();
  const { w } = useReportWords();
  const edits = useReportEdits(entry.name);
  const [values, setValues] = useState<Record<string, string>>({});
  const report = useMemo(() => readReport(entry.value), [entry.value]);
  const model = expressionModel(ctx);
  const entity = report.entity ?? "";
  const paths = useMemo(() => reportPaths(model, entity), [model, entity]);
  const entities = useMemo(() => reportEntities(model), [model]);
  const views = useMemo(
    () =>
      viewChoices(
        ctx,
        entity === WORKFLOW_TASKS ? [] : [entity, parentOf(model, entity) ?? entity],
      ),
    [ctx, model, entity],
  );
  const preview = useReportPreview<PreviewedResult>(entry.value, values);
  const readOnly = !entry.own;
  const fileIssues = issues.filter((i) => i.package === entry.package && i.file === entry.file);
  const problems = placeProblems(builderPlaces(report), [
    ...fileIssues.map((i) => ({ path: i.path ?? "", message: i.message })),
    ...(preview.status === "refused" ? previewProblems(preview.problems) : []),
  ]);
  const parameterEdits = {
    set: edits.set,
    add: (value: unknown) => edits.add("parameters", value),
    remove: (index: number) => edits.remove("parameters", index),
    move: (index: number, by: -1 | 1) => edits.move("parameters", index, by),
  };
  return (
    <DocumentPage
      entry={entry}
      removeLabel={w("removeReport")}
      remove={edits.removeReport}
      listPath={designerPaths.reports()}
      copyForm={(onDone) => <ReportForm from={entry} onDone={onDone} />}
      readOnlyId="report-read-only"
      refusal={edits.refusal}
      problems={problems}
      problemsLabel={w("reportProblems")}
      problemsTestId="report-problems"
    >
      <div className="report-workbench">
        <div className="report-builder">
          <ReportBasics
            report={report}
            entities={entities}
            views={views}
            edits={edits}
            readOnly={readOnly}
          />
          <DimensionList report={report} paths={paths} edits={edits} readOnly={readOnly} />
          <MeasureList report={report} paths={paths} edits={edits} readOnly={readOnly} />
          <FilterEditor
            filter={report.filter}
            entity={entity}
            readOnly={readOnly}
            onChange={(filter) => edits.set(["filter"], filter)}
          />
          <ParameterList
            parameters={report.parameters ?? []}
            entities={entities.filter((e) => e.name !== WORKFLOW_TASKS && !e.line)}
            readOnly={readOnly}
            title={w("parameters")}
            help={w("parametersHelp")}
            edits={parameterEdits}
          />
          <SortLimit report={report} paths={paths} edits={edits} readOnly={readOnly} />
          <ChartOptions report={report} edits={edits} readOnly={readOnly} />
        </div>
        <div className="report-preview-column">
          <ReportPreview report={report} state={preview} values={values} onValues={setValues} />
        </div>
      </div>
    </DocumentPage>
  );
}

/** The report's filter in the designer's expression editor, reading `$report.<parameter>` too. */
function FilterEditor({
  filter,
  entity,
  readOnly,
  onChange,
}: {
  filter: JsonLogic | undefined;
  entity: string;
  readOnly: boolean;
  onChange(filter: JsonLogic | undefined): void;
}) {
  const { w } = useReportWords();
  const { ctx } = useDraft();
  const problems = useProblemsAt("/filter");
  // the expression editor's model knows neither a line's `parent` nor the workflow tasks: those
  // filters are checked as JSON here, and in full by the draft's check (shown as `problems`)
  const checkedEntity =
    entity === WORKFLOW_TASKS || parentOf(expressionModel(ctx), entity) !== undefined
      ? undefined
      : entity;
  return (
    <div className="report-section" data-section="filter">
      <ExpressionEditor
        label={w("filter")}
        value={filter}
        onChange={onChange}
        entity={checkedEntity}
        // the builder compares with an attribute of a variable: `$report` and the parameter's name
        // (the draft's check says when no parameter has that name)
        variables={["$report"]}
        errors={problems.messages}
        help={w("filterHelp")}
        readOnly={readOnly}
      />
    </div>
  );
}
