import type { Issue } from "../errors.ts";
import { LoomError } from "../errors.ts";
import { compileFilter } from "../expr/sql/compile-filter.ts";
import type { JsonLogic } from "../metadata/types.ts";
import { type AppModel, DATA_SCHEMA } from "../model/app-model.ts";
import { parameterIssues } from "./check-parameters.ts";
import { visualizationIssues } from "./check-visualization.ts";
import { drillEntities } from "./drill-where.ts";
import { type DatasetModel, datasetModel } from "./report-dataset.ts";
import { aggregateProblem, groupProblem, isTimeType, resolveReportPath } from "./report-paths.ts";
import { reportRefs, withReportValues } from "./report-variables.ts";
import type { ReportDef, ReportParameter } from "./types.ts";

/** An issue inside one report document: `path` is a JSON pointer in it. */
export type ReportIssue = Required<Pick<Issue, "code" | "message" | "path">>;

/**
 * Everything that must hold for a report to compile, against a compiled model: the root entity,
 * every path (through links and a line's `parent`), buckets on dates only, sum and avg on numbers,
 * names used by sort, visualization and period, date parameters bounding the period, a filter that
 * compiles to SQL reading only declared `$report.*` parameters, and a drill view over the root's
 * records. Every problem is reported, each at its JSON pointer.
 */
export function checkReport(def: ReportDef, model: AppModel): ReportIssue[] {
  const dm = datasetModel(model);
  const issues: ReportIssue[] = [];
  const add = (path: string, code: string, message: string): void => {
    issues.push({ code, message, path });
  };
  if (!Object.hasOwn(dm.entities, def.entity)) {
    add(
      "/entity",
      "unknown-entity",
      `the report's entity "${def.entity}" is not defined by any package`,
    );
    return issues;
  }
  const parameters = def.parameters ?? [];
  issues.push(...parameterIssues(parameters, model, "/parameters"));

  const names = new Map<string, string>();
  const claim = (name: string, pointer: string) => {
    const earlier = names.get(name);
    if (earlier)
      add(
        pointer,
        "duplicate-name",
        `"${name}" already names ${earlier}; dimension and measure names are unique in a report`,
      );
    else names.set(name, pointer);
  };
  const dimensions = def.dimensions ?? [];
  dimensions.forEach((dimension, i) => {
    const at = `/dimensions/${i}`;
    claim(dimension.name, `${at}/name`);
    const resolved = resolveReportPath(dm, def.entity, dimension.field);
    if (!resolved.ok) {
      add(`${at}/field`, "unknown-field", resolved.message);
      return;
    }
    const field = resolved.steps.at(-1)!.field;
    const problem = groupProblem(field, dimension.field);
    if (problem) add(`${at}/field`, "not-groupable", problem);
    if (dimension.bucket && !isTimeType(field.type))
      add(
        `${at}/bucket`,
        "bucket-not-date",
        `a ${dimension.bucket} bucket needs a date or datetime field; "${dimension.field}" is a ${field.type} field`,
      );
  });
  def.measures.forEach((measure, i) => {
    const at = `/measures/${i}`;
    claim(measure.name, `${at}/name`);
    if (measure.field === undefined) {
      if (measure.aggregate !== "count")
        add(at, "missing-field", `${measure.aggregate} needs a "field"; only count may count rows`);
      return;
    }
    const resolved = resolveReportPath(dm, def.entity, measure.field);
    if (!resolved.ok) {
      add(`${at}/field`, "unknown-field", resolved.message);
      return;
    }
    const problem = aggregateProblem(
      measure.aggregate,
      resolved.steps.at(-1)!.field,
      measure.field,
    );
    if (problem) add(`${at}/aggregate`, "not-aggregatable", problem);
  });

  const dimensionNames = new Set(dimensions.map((d) => d.name));
  const measureNames = new Set(def.measures.map((m) => m.name));
  (def.sort ?? []).forEach((key, i) => {
    if (!dimensionNames.has(key.by) && !measureNames.has(key.by))
      add(
        `/sort/${i}/by`,
        "unknown-name",
        `the sort names "${key.by}", which is neither a dimension nor a measure of this report`,
      );
  });
  issues.push(
    ...visualizationIssues(
      def.visualization,
      dimensionNames,
      measureNames,
      def.period !== undefined,
    ),
  );

  if (def.period) {
    const resolved = resolveReportPath(dm, def.entity, def.period.field);
    if (!resolved.ok) add("/period/field", "unknown-field", resolved.message);
    else if (!isTimeType(resolved.steps.at(-1)!.field.type))
      add(
        "/period/field",
        "not-date",
        `the period needs a date or datetime field; "${def.period.field}" is a ${resolved.steps.at(-1)!.field.type} field`,
      );
    for (const bound of ["from", "to"] as const) {
      const name = def.period[bound];
      const parameter = parameters.find((p) => p.name === name);
      if (parameter?.type !== "date")
        add(
          `/period/${bound}`,
          "not-date-parameter",
          parameter
            ? `"${name}" is a ${parameter.type} parameter; the period is bounded by date parameters`
            : `the report has no parameter "${name}"`,
        );
    }
  }
  if (def.filter !== undefined)
    issues.push(...filterIssues(def.filter, def.entity, parameters, dm));
  if (def.drill) {
    const view = model.views[def.drill.view];
    const allowed = drillEntities(def.entity, dm);
    if (!view)
      add(
        "/drill/view",
        "unknown-view",
        `view "${def.drill.view}" is neither defined by a package nor the default view of an entity`,
      );
    else if (!allowed.includes(view.entity))
      add(
        "/drill/view",
        "drill-entity",
        allowed.length === 0
          ? `a report over ${def.entity} has no list to open`
          : `view "${view.name}" lists ${view.entity}; the drill opens a list of ${allowed.join(" or ")}`,
      );
  }
  return issues;
}

/** Sample values of each parameter type: the filter is compiled as it will run, types included. */
const SAMPLES: Readonly<Record<ReportParameter["type"], unknown>> = {
  date: "2000-01-01",
  text: "x",
  integer: 1,
  decimal: 1.5,
  select: "x",
  link: "00000000-0000-0000-0000-000000000000",
};

function filterIssues(
  filter: JsonLogic,
  entity: string,
  parameters: readonly ReportParameter[],
  model: DatasetModel,
): ReportIssue[] {
  const issues: ReportIssue[] = [];
  const declared = new Map(parameters.map((p) => [p.name, p]));
  for (const ref of reportRefs(filter))
    if (!declared.has(ref.name))
      issues.push({
        code: "unknown-parameter",
        path: `/filter${ref.pointer}`,
        message: `the report has no parameter "${ref.name}"`,
      });
  if (issues.length > 0) return issues;
  const values = Object.fromEntries(
    parameters.map((p) => [
      p.name,
      p.type === "select" ? (p.options?.[0]?.value ?? "x") : SAMPLES[p.type],
    ]),
  );
  try {
    compileFilter(withReportValues(filter, values), {
      model,
      entity,
      alias: "r",
      schema: DATA_SCHEMA,
    });
  } catch (error) {
    if (!(error instanceof LoomError)) throw error;
    const found =
      error.issues.length > 0
        ? error.issues
        : [{ code: error.code, message: error.message, path: "" }];
    for (const issue of found)
      issues.push({ code: issue.code, message: issue.message, path: `/filter${issue.path ?? ""}` });
  }
  return issues;
}
