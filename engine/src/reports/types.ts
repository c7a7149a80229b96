import type { JsonLogic, Labels } from "../metadata/types.ts";
import type { Origin } from "../model/app-model.ts";

/**
 * Reports and dashboards as consultants write them (`schemas/report.schema.json`,
 * `schemas/dashboard.schema.json`) and what running one answers (`ReportResult`, the body of
 * `GET /api/reports/:name`). The schemas are what is enforced; these types are read after.
 */

export type Bucket = "day" | "week" | "month" | "quarter" | "year";
export const BUCKETS: readonly Bucket[] = ["day", "week", "month", "quarter", "year"];

/** `distinct` is a count of distinct values. */
export type Aggregate = "count" | "sum" | "avg" | "min" | "max" | "distinct";

export type ReportParameterType = "date" | "text" | "integer" | "decimal" | "select" | "link";

export type RelativeDate =
  | "today"
  | "start-of-month"
  | "start-of-quarter"
  | "start-of-year"
  | "days-ago-30"
  | "days-ago-365";

export interface ReportParameter {
  name: string;
  labels: Labels;
  type: ReportParameterType;
  /** select: the choices */
  options?: { value: string; labels: Labels }[];
  /** link: the entity whose record id is the value */
  target?: string;
  default?: string | number | { relative: RelativeDate };
  required?: boolean;
}

export interface Dimension {
  name: string;
  /** absent: the field's labels */
  labels?: Labels;
  /** a field path: `customer`, `customer.customer_type`, `parent.order_date` */
  field: string;
  /** date and datetime fields only */
  bucket?: Bucket;
}

export type MeasureFormat = "number" | "money" | "percent" | "duration-hours";

export interface Measure {
  name: string;
  labels: Labels;
  aggregate: Aggregate;
  /** absent only for `count` (count of rows) */
  field?: string;
  format?: MeasureFormat;
}

export interface ReportSortKey {
  /** a dimension or measure name */
  by: string;
  desc?: boolean;
}

export interface ReportPeriod {
  /** a date or datetime field path */
  field: string;
  /** names of two date parameters */
  from: string;
  to: string;
}

export type Visualization =
  | { type: "table"; totals?: boolean }
  | { type: "pivot"; rows: string; columns: string; measure: string; totals?: boolean }
  | {
      type: "bar" | "line";
      x: string;
      measures?: string[];
      series?: string;
      stacked?: boolean;
      horizontal?: boolean;
    }
  | { type: "pie"; category: string; measure: string }
  | { type: "kpi"; measure: string; compare?: "previous-period" };

export type VisualizationType = Visualization["type"];

/** `reports/<name>.json`. */
export interface ReportDef {
  kind: "report";
  name: string;
  labels: Labels;
  description?: Labels;
  /** a document entity, a line entity, or the built-in `$workflow_tasks` */
  entity: string;
  parameters?: ReportParameter[];
  filter?: JsonLogic;
  dimensions?: Dimension[];
  measures: Measure[];
  sort?: ReportSortKey[];
  /** 1..1000; default 1000 */
  limit?: number;
  period?: ReportPeriod;
  visualization: Visualization;
  drill?: { view: string };
}

export interface DashboardTile {
  report: string;
  x: number;
  y: number;
  w: number;
  h: number;
  title?: Labels;
}

/** `dashboards/<name>.json`. */
export interface DashboardDef {
  kind: "dashboard";
  name: string;
  labels: Labels;
  description?: Labels;
  parameters?: ReportParameter[];
  tiles: DashboardTile[];
}

/** A report as kept in `AppModel.reports`: the definition as written, and where it came from. */
export interface Report extends Readonly<ReportDef> {
  readonly origin: Origin;
}

export interface Dashboard extends Readonly<DashboardDef> {
  readonly origin: Origin;
}

/** One column of a report's rows: the dimensions first (definition order), then the measures. */
export interface ReportColumn {
  name: string;
  kind: "dimension" | "measure";
  labels: Labels;
  /** the field's type (date, datetime, text, select, link, money, decimal, integer…); `integer` for counts */
  type: string;
  bucket?: Bucket;
  aggregate?: Aggregate;
  format?: string;
  /** link columns: the entity the value is an id of */
  target?: string;
}

/** What `GET /api/reports/:name` answers. */
export interface ReportResult {
  report: ReportDef;
  /** effective values: defaults resolved, typed */
  parameters: Record<string, unknown>;
  columns: ReportColumn[];
  /** one array per group, values in `columns` order; a bucket is the ISO date of its first day */
  rows: unknown[][];
  /** per link/select dimension: value → display label in the request's language */
  labels: Record<string, Record<string, string>>;
  /** per measure, over every matching row (not just the top N) */
  totals: Record<string, number | null>;
  /** per measure, over the previous period (KPI compare) */
  previous?: Record<string, number | null>;
  /** where[i] selects the records of rows[i] in `view` (json-logic over `entity`) */
  drill?: { view: string; entity: string; where: JsonLogic[] };
  /** more groups than `limit` */
  truncated: boolean;
  elapsedMs: number;
}

/** One entry of `GET /api/reports`. */
export interface ReportSummary {
  name: string;
  labels: Labels;
  description?: Labels;
  entity: string;
  visualization: { type: VisualizationType };
  parameters: ReportParameter[];
}
