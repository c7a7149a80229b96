import type { Labels } from "@loom/engine";
import type { DesignContext } from "../draft/design-context.ts";
import {
  createDocument,
  type DocumentEditResult,
  type DocumentPath,
  documentCatalog,
  insertInDocument,
  moveListEntry,
  removeListEntry,
  setInDocument,
} from "../draft/document-files.ts";
import { FileWriter } from "../draft/file-writer.ts";
import {
  type Aggregate,
  type ChartType,
  type Dimension,
  type Measure,
  memberNames,
  type ReportDraft,
  readReport,
  type Visualization,
} from "./report-def.ts";

/**
 * The report builder's steps as file changes to `reports/<name>.json` of the draft. A report is a
 * whole document: a base package's is copied into the draft, never edited.
 */
export const REPORT = "report";

/** A new report over `entity`: rows counted, as a table with totals; or a copy of `from`. */
export function addReport(
  ctx: DesignContext,
  name: string,
  labels: Labels,
  entity: string,
  from?: string,
): DocumentEditResult {
  const source = from === undefined ? undefined : findReport(ctx, from);
  if (from !== undefined && !source) return { ok: false, refusal: { code: "unknown", name: from } };
  const value = source
    ? { ...source.value, labels }
    : {
        labels,
        entity,
        measures: [
          { name: "count", labels: measureLabels("count", undefined), aggregate: "count" },
        ],
        visualization: { type: "table", totals: true },
      };
  return createDocument(ctx, REPORT, "reports", name, value);
}

export function findReport(ctx: DesignContext, name: string) {
  return documentCatalog(ctx, REPORT).find((entry) => entry.name === name);
}

/** Sets (undefined: removes) the value at `path` of the report. */
export function setReportValue(
  ctx: DesignContext,
  report: string,
  path: DocumentPath,
  value: unknown,
): DocumentEditResult {
  return setInDocument(ctx, REPORT, report, path, value);
}

export function addToList(
  ctx: DesignContext,
  report: string,
  list: "dimensions" | "measures" | "parameters" | "sort",
  value: unknown,
): DocumentEditResult {
  return insertInDocument(ctx, REPORT, report, [list], -1, value);
}

/** A name not taken by the report's dimensions and measures: `base`, `base_2`, … */
export function freeName(report: ReportDraft, base: string): string {
  const { dimensions, measures } = memberNames(report);
  const taken = new Set([...dimensions, ...measures]);
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  return name;
}

/** A dimension grouping by `field` (a date grouped by month), named after the field. */
export function newDimension(report: ReportDraft, field: string, date: boolean): Dimension {
  const base = field.replace(/^parent\./, "").replaceAll(".", "_");
  return { name: freeName(report, base), field, ...(date && { bucket: "month" }) };
}

const AGGREGATE_WORDS: Readonly<Record<Aggregate, readonly [string, string]>> = {
  count: ["Count", "数量"],
  sum: ["Total", "合计"],
  avg: ["Average", "平均"],
  min: ["Minimum", "最小"],
  max: ["Maximum", "最大"],
  distinct: ["Distinct", "去重计数"],
};

/**
 * The labels a measure gets until someone types its own: the rows counted, or the field's name
 * with what is computed of it ("Total Order Total" reads badly, so a sum is the field's name).
 */
export function measureLabels(aggregate: Aggregate | undefined, field: Labels | undefined): Labels {
  const [en, zh] = AGGREGATE_WORDS[aggregate ?? "count"];
  if (!field) return { en, "zh-CN": zh };
  if (aggregate === "sum") return field;
  return { en: `${en} ${field.en}`, "zh-CN": `${field["zh-CN"] ?? field.en}${zh}` };
}

/** A measure summing `field` (counting rows without one), named after what it computes. */
export function newMeasure(
  report: ReportDraft,
  field: string | undefined,
  labels: Labels,
): Measure {
  if (field === undefined) return { name: freeName(report, "count"), labels, aggregate: "count" };
  const base = `${field.replace(/^parent\./, "").replaceAll(".", "_")}_sum`;
  return { name: freeName(report, base), labels, aggregate: "sum", field };
}

/**
 * Renames a dimension or measure and every reference to it (the visualization's pickers, the
 * sort), so the report keeps meaning what it did.
 */
export function renameMember(
  ctx: DesignContext,
  report: string,
  list: "dimensions" | "measures",
  index: number,
  name: string,
): DocumentEditResult {
  const found = findReport(ctx, report);
  if (!found?.own) return setReportValue(ctx, report, [list, index, "name"], name);
  const def = readReport(found.value);
  const old = def[list]?.[index]?.name;
  const writer = new FileWriter(ctx.draft.files);
  writer.set(found.file, [list, index, "name"], name);
  // an emptied name (being retyped) keeps the references, so typing it back restores them
  if (old !== undefined && old !== "" && name !== "") {
    const vis = def.visualization ?? {};
    for (const key of ["x", "series", "rows", "columns", "category", "measure"] as const)
      if (vis[key] === old) writer.set(found.file, ["visualization", key], name);
    (vis.measures ?? []).forEach((m, i) => {
      if (m === old) writer.set(found.file, ["visualization", "measures", i], name);
    });
    (def.sort ?? []).forEach((s, i) => {
      if (s.by === old) writer.set(found.file, ["sort", i, "by"], name);
    });
  }
  return { ok: true, changes: writer.changes() };
}

/**
 * The visualization of `type`, its pickers filled from the report's dimensions and measures
 * (those of the one it replaces when they still fit), so a chart shows something at once.
 */
export function visualizationOf(
  type: ChartType,
  report: ReportDraft,
  previous: Visualization = {},
): Visualization {
  const { dimensions, measures } = memberNames(report);
  const dim = (prefer: string | undefined, i = 0) =>
    prefer !== undefined && dimensions.includes(prefer) ? prefer : dimensions[i];
  const measure = (prefer: string | undefined) =>
    prefer !== undefined && measures.includes(prefer) ? prefer : measures[0];
  const first = dim(previous.x ?? previous.category ?? previous.rows);
  const drop = <T extends object>(value: T): T =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
  switch (type) {
    case "table":
      return { type, totals: previous.totals ?? true };
    case "pivot":
      return drop({
        type,
        rows: first,
        columns: dim(previous.columns, dimensions.indexOf(first ?? "") === 0 ? 1 : 0),
        measure: measure(previous.measure),
        totals: previous.totals ?? true,
      });
    case "bar":
    case "line":
      return drop({
        type,
        x: first,
        ...(previous.series !== undefined && { series: dim(previous.series) }),
      });
    case "pie":
      return drop({ type, category: first, measure: measure(previous.measure) });
    case "kpi":
      return drop({ type, measure: measure(previous.measure) });
  }
}

/** Switches the chart type, keeping what still applies of the previous one. */
export function setChartType(
  ctx: DesignContext,
  report: string,
  type: ChartType,
): DocumentEditResult {
  const found = findReport(ctx, report);
  const def = found ? readReport(found.value) : {};
  return setReportValue(
    ctx,
    report,
    ["visualization"],
    visualizationOf(type, def, def.visualization),
  );
}

type List = "dimensions" | "measures" | "parameters" | "sort";

/** Removes entry `index` of a list; an emptied optional list goes with it (measures are required). */
export function removeFromList(
  ctx: DesignContext,
  report: string,
  list: List,
  index: number,
): DocumentEditResult {
  return removeListEntry(ctx, REPORT, report, list, index, list !== "measures");
}

/** Moves entry `index` of a list by one place up or down. */
export function moveInList(
  ctx: DesignContext,
  report: string,
  list: List,
  index: number,
  by: -1 | 1,
): DocumentEditResult {
  return moveListEntry(ctx, REPORT, report, list, index, by);
}
