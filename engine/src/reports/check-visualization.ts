import type { ReportIssue } from "./check-report.ts";
import type { Visualization } from "./types.ts";

/** The names a visualization uses are the report's dimensions and measures; a KPI compare needs a period. */
export function visualizationIssues(
  v: Visualization,
  dimensions: ReadonlySet<string>,
  measures: ReadonlySet<string>,
  hasPeriod: boolean,
): ReportIssue[] {
  const issues: ReportIssue[] = [];
  const dimension = (key: string, name: string | undefined) => {
    if (name !== undefined && !dimensions.has(name))
      issues.push({
        code: "unknown-dimension",
        path: `/visualization/${key}`,
        message: `"${name}" is not a dimension of this report`,
      });
  };
  const measure = (pointer: string, name: string) => {
    if (!measures.has(name))
      issues.push({
        code: "unknown-measure",
        path: `/visualization/${pointer}`,
        message: `"${name}" is not a measure of this report`,
      });
  };
  switch (v.type) {
    case "pivot":
      dimension("rows", v.rows);
      dimension("columns", v.columns);
      measure("measure", v.measure);
      if (v.rows === v.columns)
        issues.push({
          code: "pivot-same-dimension",
          path: "/visualization/columns",
          message: "a pivot needs two different dimensions for its rows and columns",
        });
      break;
    case "bar":
    case "line":
      dimension("x", v.x);
      dimension("series", v.series);
      (v.measures ?? []).forEach((name, i) => {
        measure(`measures/${i}`, name);
      });
      break;
    case "pie":
      dimension("category", v.category);
      measure("measure", v.measure);
      break;
    case "kpi":
      measure("measure", v.measure);
      if (v.compare && !hasPeriod)
        issues.push({
          code: "missing-period",
          path: "/visualization/compare",
          message: `comparing with the previous period needs the report's "period"`,
        });
      break;
    case "table":
      break;
  }
  return issues;
}
