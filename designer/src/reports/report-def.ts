import type { JsonLogic, Labels } from "@loom/engine";
import { isObject } from "../draft/design-context.ts";

/**
 * A report as the builder reads it from its file (schemas/report.schema.json): every part
 * optional, since a report being built is incomplete; the engine's check says what is missing.
 */
export type Bucket = "day" | "week" | "month" | "quarter" | "year";
export type Aggregate = "count" | "sum" | "avg" | "min" | "max" | "distinct";
export type ParameterType = "date" | "text" | "integer" | "decimal" | "select" | "link";
export type ChartType = "table" | "pivot" | "bar" | "line" | "pie" | "kpi";
export type MeasureFormat = "number" | "money" | "percent" | "duration-hours";
export type RelativeDate =
  | "today"
  | "start-of-month"
  | "start-of-quarter"
  | "start-of-year"
  | "days-ago-30"
  | "days-ago-365";

export const BUCKETS: readonly Bucket[] = ["day", "week", "month", "quarter", "year"];
export const AGGREGATES: readonly Aggregate[] = ["count", "sum", "avg", "min", "max", "distinct"];
export const PARAMETER_TYPES: readonly ParameterType[] = [
  "date",
  "text",
  "integer",
  "decimal",
  "select",
  "link",
];
export const CHART_TYPES: readonly ChartType[] = ["table", "pivot", "bar", "line", "pie", "kpi"];
export const FORMATS: readonly MeasureFormat[] = ["number", "money", "percent", "duration-hours"];
export const RELATIVE_DATES: readonly RelativeDate[] = [
  "today",
  "start-of-month",
  "start-of-quarter",
  "start-of-year",
  "days-ago-30",
  "days-ago-365",
];

export interface ReportParameter {
  readonly name?: string;
  readonly labels?: Labels;
  readonly type?: ParameterType;
  readonly options?: readonly { readonly value: string; readonly labels: Labels }[];
  readonly target?: string;
  readonly default?: string | number | { readonly relative: RelativeDate };
  readonly required?: boolean;
}

export interface Dimension {
  readonly name?: string;
  readonly labels?: Labels;
  readonly field?: string;
  readonly bucket?: Bucket;
}

export interface Measure {
  readonly name?: string;
  readonly labels?: Labels;
  readonly aggregate?: Aggregate;
  readonly field?: string;
  readonly format?: MeasureFormat;
}

export interface Visualization {
  readonly type?: ChartType;
  readonly totals?: boolean;
  readonly rows?: string;
  readonly columns?: string;
  readonly measure?: string;
  readonly x?: string;
  readonly measures?: readonly string[];
  readonly series?: string;
  readonly stacked?: boolean;
  readonly horizontal?: boolean;
  readonly category?: string;
  readonly compare?: "previous-period";
}

export interface ReportDraft {
  readonly kind?: "report";
  readonly name?: string;
  readonly labels?: Labels;
  readonly description?: Labels;
  readonly entity?: string;
  readonly parameters?: readonly ReportParameter[];
  readonly filter?: JsonLogic;
  readonly dimensions?: readonly Dimension[];
  readonly measures?: readonly Measure[];
  readonly sort?: readonly { readonly by?: string; readonly desc?: boolean }[];
  readonly limit?: number;
  readonly period?: { readonly field?: string; readonly from?: string; readonly to?: string };
  readonly visualization?: Visualization;
  readonly drill?: { readonly view?: string };
}

/** The report in a file's value; the parts of the wrong shape read as absent. */
export function readReport(value: Readonly<Record<string, unknown>>): ReportDraft {
  const list = <T>(key: string): T[] =>
    Array.isArray(value[key])
      ? (value[key] as unknown[]).map((v) => (isObject(v) ? v : {}) as T)
      : [];
  return {
    ...(value as ReportDraft),
    parameters: list<ReportParameter>("parameters"),
    dimensions: list<Dimension>("dimensions"),
    measures: list<Measure>("measures"),
    sort: list<{ by?: string; desc?: boolean }>("sort"),
    visualization: isObject(value.visualization) ? (value.visualization as Visualization) : {},
  };
}

/** The names a visualization or a sort may refer to: the dimensions', then the measures'. */
export function memberNames(report: ReportDraft): { dimensions: string[]; measures: string[] } {
  const names = (items: readonly { name?: string }[] | undefined) =>
    (items ?? []).flatMap((item) =>
      typeof item.name === "string" && item.name ? [item.name] : [],
    );
  return { dimensions: names(report.dimensions), measures: names(report.measures) };
}
