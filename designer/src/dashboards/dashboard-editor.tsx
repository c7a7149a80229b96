import { useLanguage } from "@loom/app/i18n";
import { useMemo } from "react";
import { type DocumentEntry, documentCatalog } from "../draft/document-files.ts";
import { useDraft } from "../draft/draft-context.tsx";
import { expressionModel } from "../expressions/expression-model.ts";
import { useReportWords } from "../i18n/report-words.ts";
import { ParameterList } from "../reports/parameter-list.tsx";
import { readReport } from "../reports/report-def.ts";
import { REPORT } from "../reports/report-edits.ts";
import { reportEntities, WORKFLOW_TASKS } from "../reports/report-fields.ts";
import { listPlaces, parameterPlaces, placeProblems } from "../reports/report-problem-places.ts";
import { DocumentLabels } from "../shell/document-labels.tsx";
import { DocumentPage } from "../shell/document-page.tsx";
import { designerPaths } from "../shell/routes.ts";
import { readDashboard } from "./dashboard-edits.ts";
import { DashboardForm } from "./dashboard-form.tsx";
import { DashboardGrid, type TileReport } from "./dashboard-grid.tsx";
import { TileTable } from "./tile-table.tsx";
import { useDashboardEdits } from "./use-dashboard-edits.ts";

const TILE_PROPERTIES = ["report", "x", "y", "w", "h", "title"];

/**
 * One dashboard: its labels, the parameters its tiles share, and its tiles on the 12-column grid
 * (dragged, or moved from the keyboard), with their places typed in below; problems where they
 * point.
 */
export function DashboardEditor({ entry }: { entry: DocumentEntry }) {
  const { ctx, issues } = useDraft();
  const { w } = useReportWords();
  const { label } = useLanguage();
  const edits = useDashboardEdits(entry.name);
  const dashboard = useMemo(() => readDashboard(entry.value), [entry.value]);
  const reports = useMemo(() => documentCatalog(ctx, REPORT), [ctx]);
  const tileReports = useMemo(
    () =>
      new Map<string, TileReport>(
        reports.map((r) => [
          r.name,
          { labels: r.labels, chart: readReport(r.value).visualization?.type, definition: r.value },
        ]),
      ),
    [reports],
  );
  const entities = useMemo(
    () => reportEntities(expressionModel(ctx)).filter((e) => e.name !== WORKFLOW_TASKS && !e.line),
    [ctx],
  );
  const readOnly = !entry.own;
  const places = [
    "/labels",
    "/description",
    "/tiles",
    ...parameterPlaces(dashboard.parameters),
    ...listPlaces("tiles", dashboard.tiles, TILE_PROPERTIES),
  ];
  const problems = placeProblems(
    places,
    issues
      .filter((i) => i.package === entry.package && i.file === entry.file)
      .map((i) => ({ path: i.path ?? "", message: i.message })),
  );
  return (
    <DocumentPage
      entry={entry}
      removeLabel={w("removeDashboard")}
      remove={edits.remove}
      listPath={designerPaths.dashboards()}
      copyForm={(onDone) => <DashboardForm from={entry} onDone={onDone} />}
      readOnlyId="dashboard-read-only"
      refusal={edits.refusal}
      problems={problems}
      problemsLabel={w("dashboardProblems")}
    >
      <fieldset className="report-section" data-section="basics">
        <legend>{w("dashboard")}</legend>
        <div className="report-grid">
          <DocumentLabels
            labels={dashboard.labels}
            description={dashboard.description}
            readOnly={readOnly}
            onChange={(property, labels) => edits.set([property], labels)}
          />
        </div>
      </fieldset>
      <section className="report-section dashboard-layout" aria-labelledby="layout-title">
        <h2 id="layout-title">{w("layout")}</h2>
        <p className="hint" id="layout-help">
          {w("layoutHelp")}
        </p>
        {!readOnly && (
          <select
            aria-label={w("addTile")}
            value=""
            onChange={(event) => event.target.value && edits.addTile(event.target.value)}
          >
            <option value="">{w("addTile")}</option>
            {reports.map((r) => (
              <option key={`${r.package}/${r.name}`} value={r.name}>
                {label(r.labels, r.name)} ({r.name})
              </option>
            ))}
          </select>
        )}
        <DashboardGrid
          tiles={dashboard.tiles}
          reports={tileReports}
          readOnly={readOnly}
          onMove={edits.move}
        />
        <TileTable tiles={dashboard.tiles} reports={reports} edits={edits} readOnly={readOnly} />
      </section>
      <ParameterList
        parameters={dashboard.parameters}
        entities={entities}
        readOnly={readOnly}
        title={w("sharedParameters")}
        help={w("sharedParametersHelp")}
        edits={{
          set: edits.set,
          add: (value) => edits.insert(["parameters"], value),
          remove: (index) => edits.removeFrom("parameters", index),
          move: edits.moveParameter,
        }}
      />
    </DocumentPage>
  );
}
