import type { ReactNode } from "react";
import { useReportWords } from "../i18n/report-words.ts";
import { AtPointer, ProblemsAt } from "./problem-text.tsx";
import { CHART_TYPES, type ChartType, memberNames, type ReportDraft } from "./report-def.ts";
import type { ReportEdits } from "./use-report-edits.ts";

type Picker = "x" | "series" | "rows" | "columns" | "category" | "measure";

/**
 * The visualization: its type (switching keeps the pickers that still fit) and the type's
 * options, the pickers offering the report's dimension and measure names.
 */
export function ChartOptions({
  report,
  edits,
  readOnly,
}: {
  report: ReportDraft;
  edits: ReportEdits;
  readOnly: boolean;
}) {
  const { w } = useReportWords();
  const vis = report.visualization ?? {};
  const { dimensions, measures } = memberNames(report);
  const picker = (key: Picker, caption: string, from: readonly string[], none?: string) => (
    <AtPointer pointer={`/visualization/${key}`}>
      {(invalid) => (
        <label className="inline-field">
          {caption}
          <select
            value={vis[key] ?? ""}
            disabled={readOnly}
            onChange={(e) => edits.set(["visualization", key], e.target.value || undefined)}
            {...invalid}
          >
            {(none !== undefined || !from.includes(vis[key] ?? "")) && (
              <option value="">{none ?? w("choose")}</option>
            )}
            {vis[key] !== undefined && !from.includes(vis[key]) && (
              <option value={vis[key]}>{vis[key]}</option>
            )}
            {from.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
    </AtPointer>
  );
  const flag = (key: "totals" | "stacked" | "horizontal", caption: string) => (
    <label className="role-flag">
      <input
        type="checkbox"
        checked={vis[key] === true}
        disabled={readOnly}
        onChange={(e) => edits.set(["visualization", key], e.target.checked || undefined)}
      />{" "}
      {caption}
    </label>
  );
  const options: Record<ChartType, () => ReactNode> = {
    table: () => flag("totals", w("totals")),
    pivot: () => (
      <>
        {picker("rows", w("pivotRows"), dimensions)}
        {picker("columns", w("pivotColumns"), dimensions)}
        {picker("measure", w("chartMeasure"), measures)}
        {flag("totals", w("totals"))}
      </>
    ),
    bar: () => series(),
    line: () => series(),
    pie: () => (
      <>
        {picker("category", w("chartCategory"), dimensions)}
        {picker("measure", w("chartMeasure"), measures)}
      </>
    ),
    kpi: () => (
      <>
        {picker("measure", w("chartMeasure"), measures)}
        <label className="role-flag">
          <input
            type="checkbox"
            checked={vis.compare === "previous-period"}
            disabled={readOnly}
            onChange={(e) =>
              edits.set(
                ["visualization", "compare"],
                e.target.checked ? "previous-period" : undefined,
              )
            }
          />{" "}
          {w("compare")}
        </label>
        {vis.compare === "previous-period" && report.period === undefined && (
          <p className="hint">{w("compareNeedsPeriod")}</p>
        )}
      </>
    ),
  };
  function series() {
    const shown = vis.measures ?? [];
    return (
      <>
        {picker("x", w("chartX"), dimensions)}
        {picker("series", w("chartSeries"), dimensions, w("noSeries"))}
        <AtPointer pointer="/visualization/measures">
          {(invalid) => (
            <fieldset className="inline-checks" {...invalid}>
              <legend>
                {w("chartMeasures")} <span className="hint">({w("allMeasures")})</span>
              </legend>
              {measures.map((m) => (
                <label key={m} className="role-flag">
                  <input
                    type="checkbox"
                    checked={shown.includes(m)}
                    disabled={readOnly}
                    onChange={(e) => {
                      const next = e.target.checked
                        ? measures.filter((x) => x === m || shown.includes(x))
                        : shown.filter((x) => x !== m);
                      edits.set(["visualization", "measures"], next.length > 0 ? next : undefined);
                    }}
                  />{" "}
                  {m}
                </label>
              ))}
            </fieldset>
          )}
        </AtPointer>
        {flag("stacked", w("stacked"))}
        {vis.type === "bar" && flag("horizontal", w("horizontal"))}
      </>
    );
  }
  return (
    <fieldset className="report-section" data-section="chart">
      <legend>{w("chart")}</legend>
      <AtPointer pointer="/visualization/type">
        {(invalid) => (
          <div className="chart-types" role="radiogroup" aria-label={w("chartType")} {...invalid}>
            {CHART_TYPES.map((type) => (
              <label key={type} className="chart-type">
                <input
                  type="radio"
                  name="chart-type"
                  value={type}
                  checked={vis.type === type}
                  disabled={readOnly}
                  onChange={() => edits.chartType(type)}
                />{" "}
                {w(`chartTypes_${type}`)}
              </label>
            ))}
          </div>
        )}
      </AtPointer>
      <div className="chart-options">{vis.type !== undefined && options[vis.type]?.()}</div>
      <ProblemsAt pointer="/visualization" />
    </fieldset>
  );
}
