import { useLanguage } from "@loom/app/i18n";
import { PageTitle } from "@loom/app/layout/page-title";
import { navigate } from "@loom/app/router";
import { useMemo, useState } from "react";
import { type DocumentEntry, documentCatalog } from "../draft/document-files.ts";
import { useDraft } from "../draft/draft-context.tsx";
import { expressionModel } from "../expressions/expression-model.ts";
import { useReportWords } from "../i18n/report-words.ts";
import { ParameterList } from "../reports/parameter-list.tsx";
import { readReport } from "../reports/report-def.ts";
import { REPORT } from "../reports/report-edits.ts";
import { reportEntities, WORKFLOW_TASKS } from "../reports/report-fields.ts";
import { ReportLabels } from "../reports/report-labels.tsx";
import { listPlaces, parameterPlaces, placeProblems } from "../reports/report-problem-places.ts";
import { ProblemsProvider } from "../reports/report-problems.tsx";
import { documentRefusalText } from "../shell/document-refusal-text.ts";
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
  const [copying, setCopying] = useState(false);
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
    <ProblemsProvider problems={problems}>
      <header className="page-header">
        <PageTitle>
          {label(entry.labels, entry.name)} <code className="entity-code">{entry.name}</code>
        </PageTitle>
        <div className="buttons">
          <button type="button" className="button small" onClick={() => setCopying(true)}>
            {w("copyAsNew")}
          </button>
          {!readOnly && (
            <button
              type="button"
              className="button small danger"
              onClick={() => {
                if (!window.confirm(w("removeConfirm", { name: entry.name }))) return;
                if (edits.remove()) navigate(designerPaths.dashboards());
              }}
            >
              {w("removeDashboard")}
            </button>
          )}
        </div>
      </header>
      {copying && <DashboardForm from={entry} onDone={() => setCopying(false)} />}
      {readOnly && (
        <p className="base-note" id="dashboard-read-only">
          {w("readOnlyNote", { name: entry.name, package: entry.package, draft: ctx.draft.name })}
        </p>
      )}
      {edits.refusal && (
        <p role="alert" className="error-box">
          {documentRefusalText(w, edits.refusal)}
        </p>
      )}
      {problems.rest.length > 0 && (
        <section className="error-box" aria-label={w("dashboardProblems")}>
          <ul className="form-problems">
            {problems.rest.map((p) => (
              <li key={`${p.path}:${p.message}`}>
                {p.path && <code>{p.path}</code>} {p.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <fieldset className="report-section" data-section="basics">
        <legend>{w("dashboard")}</legend>
        <div className="report-grid">
          <span>
            {w("labelEn")} / {w("labelZh")}
          </span>
          <ReportLabels
            pointer="/labels"
            labels={dashboard.labels}
            names={[w("labelEn"), w("labelZh")]}
            readOnly={readOnly}
            onChange={(labels) => edits.set(["labels"], labels)}
          />
          <span>
            {w("descriptionEn")} / {w("descriptionZh")}
          </span>
          <ReportLabels
            pointer="/description"
            labels={dashboard.description}
            names={[w("descriptionEn"), w("descriptionZh")]}
            optional
            readOnly={readOnly}
            onChange={(labels) => edits.set(["description"], labels)}
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
    </ProblemsProvider>
  );
}
