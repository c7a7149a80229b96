import type { JsonLogic } from "../metadata/types.ts";
import type { AppModel } from "../model/app-model.ts";
import type { CompiledReport } from "./compile-report.ts";
import { drillWhere } from "./drill-where.ts";
import { datasetModel } from "./report-dataset.ts";
import { resolveReportPath } from "./report-paths.ts";
import type { ReportDef, ReportResult } from "./types.ts";
import { taskNameLabels, WORKFLOW_TASKS } from "./workflow-tasks-dataset.ts";

export type Language = "en" | "zh-CN";

/**
 * The statement's rows → the parts of a ReportResult: the groups in order (at most `limit`, and
 * whether more exist), totals (beside every group, or the one row without dimensions), the previous period's, display labels of link and select values in `language`,
 * and per row the drill-down `where`.
 */
export function decodeReport(
  compiled: CompiledReport,
  def: ReportDef,
  model: AppModel,
  dbRows: readonly Record<string, unknown>[],
  language: Language,
): Pick<ReportResult, "columns" | "rows" | "labels" | "totals" | "previous" | "truncated"> & {
  keys: unknown[][];
} {
  const grouped = compiled.dimensions.length > 0;
  const truncated = grouped && dbRows.length > compiled.limit;
  const kept = dbRows.slice(0, compiled.limit);
  // numeric and bigint columns arrive as text from the driver
  const numeric = compiled.columns.map((c) =>
    c.kind === "measure" ? !isTextual(c.type) : NUMBER_TYPES.includes(c.type),
  );
  const measureValue = (value: unknown, k: number) =>
    value === null || value === undefined
      ? null
      : numeric[compiled.dimensions.length + k]
        ? Number(value)
        : value;
  const rows = kept.map((row) => [
    ...compiled.dimensions.map((_, i) =>
      numeric[i] ? asNumber(row[`d${i}`]) : (row[`d${i}`] ?? null),
    ),
    ...def.measures.map((_, k) => measureValue(row[`m${k}`], k)),
  ]);
  // grouped: every row carries the totals (t<k>, u<k> for the previous period); else the one row is them
  const first = dbRows[0];
  const [current, earlier] = grouped ? ["t", "u"] : ["m", "p"];
  const totals: Record<string, number | null> = {};
  const previous: Record<string, number | null> = {};
  def.measures.forEach((m, k) => {
    // no group at all: nothing counted, nothing summed
    const none = m.aggregate === "count" || m.aggregate === "distinct" ? 0 : null;
    totals[m.name] = first ? asNumber(first[`${current}${k}`]) : none;
    if (compiled.compare) previous[m.name] = first ? asNumber(first[`${earlier}${k}`]) : none;
  });
  return {
    columns: [...compiled.columns],
    rows,
    labels: valueLabels(compiled, def, model, kept, language),
    totals,
    ...(compiled.compare && { previous }),
    truncated,
    keys: rows.map((row) => row.slice(0, compiled.dimensions.length)),
  };
}

/** Per row, the json-logic selecting its records in the drill view (see drillWhere). */
export function drillWheres(compiled: CompiledReport, keys: readonly unknown[][]): JsonLogic[] {
  return keys.map((values) =>
    drillWhere(
      compiled.filter,
      compiled.dimensions.map((d, i) => ({
        field: d.field,
        value: values[i],
        ...(d.bucket && { bucket: d.bucket }),
        datetime: d.datetime,
      })),
      compiled.documentPrefix,
    ),
  );
}

const NUMBER_TYPES: readonly string[] = ["integer", "decimal", "money", "percent"];

function isTextual(type: string): boolean {
  return type === "date" || type === "datetime" || type === "text" || type === "select";
}

function asNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function valueLabels(
  compiled: CompiledReport,
  def: ReportDef,
  model: AppModel,
  rows: readonly Record<string, unknown>[],
  language: Language,
): Record<string, Record<string, string>> {
  const labels: Record<string, Record<string, string>> = {};
  const dataset = datasetModel(model);
  (def.dimensions ?? []).forEach((d, i) => {
    const resolved = resolveReportPath(dataset, def.entity, d.field);
    const field = resolved.ok ? resolved.steps.at(-1)!.field : undefined;
    if (field?.type === "select" && field.options) {
      const own: Record<string, string> = {};
      for (const option of field.options)
        own[option.value] = option.labels[language] ?? option.labels.en;
      labels[d.name] = own;
    } else if (def.entity === WORKFLOW_TASKS && taskNameLabels(d.field, model, language)) {
      labels[d.name] = taskNameLabels(d.field, model, language)!;
    } else if (compiled.dimensions[i]?.labelled) {
      const own: Record<string, string> = {};
      for (const row of rows) {
        const id = row[`d${i}`];
        const title = row[`l${i}`];
        if (typeof id === "string" && typeof title === "string") own[id] = title;
      }
      labels[d.name] = own;
    }
  });
  return labels;
}
