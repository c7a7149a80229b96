import { LoomError } from "../errors.ts";
import { addTime } from "../expr/dates.ts";
import { compileFilter } from "../expr/sql/compile-filter.ts";
import { type Fragment, ident, join, param, sql } from "../expr/sql/fragment.ts";
import type { JsonLogic } from "../metadata/types.ts";
import { type AppModel, DATA_SCHEMA } from "../model/app-model.ts";
import { documentOf, isAnd } from "./drill-where.ts";
import { type ReportAccess, refusal, type SqlPart } from "./report-access.ts";
import { reportColumns } from "./report-columns.ts";
import { datasetModel } from "./report-dataset.ts";
import { ReportFrom } from "./report-from.ts";
import {
  type DimensionSpec,
  groupedSql,
  groupingValue,
  type MeasureSpec,
  totalsSql,
} from "./report-sql.ts";
import { recordPaths, withReportValues } from "./report-variables.ts";
import type { Bucket, ReportColumn, ReportDef } from "./types.ts";
import { WORKFLOW_TASKS } from "./workflow-tasks-dataset.ts";

/** The most rows a report answers (and its default limit). */
export const MAX_REPORT_ROWS = 1000;

export interface ReportRequest {
  readonly report: ReportDef;
  readonly model: AppModel;
  readonly access: ReportAccess;
  /** effective values (`resolveParameters`) */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** `$user` of the filter */
  readonly user?: Readonly<Record<string, unknown>>;
  /** fixes `today` and `now` in the filter */
  readonly now?: Date;
}

/** One dimension as the statement groups it, for reading the rows back. */
export interface CompiledDimension {
  readonly field: string;
  readonly bucket?: Bucket;
  readonly datetime: boolean;
  /** the statement also selects the linked record's title as `l<i>` */
  readonly labelled: boolean;
}

export interface CompiledReport {
  /** one statement, `?` placeholders */
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly columns: readonly ReportColumn[];
  readonly dimensions: readonly CompiledDimension[];
  readonly limit: number;
  /** the statement also selects each measure over the previous period as `p<i>` */
  readonly compare: boolean;
  /** the filter (parameters in it) and the period's bounds: what a row's drill-down repeats */
  readonly filter?: JsonLogic;
  /** path prefix from the root to its document (`parent.` for a line root) */
  readonly documentPrefix: string;
}

/**
 * A report → ONE parameterized statement (README.md): the root's rows in the caller's report
 * scope, joined once per link path, filtered (parameters bound), grouped by the dimensions; the
 * groups numbered in the report's order and cut at limit + 1 (one more says `truncated`), with
 * the totals over every matching row beside them. A KPI compared with the previous period reads
 * both periods in the same scan, each measure twice under `FILTER`. Dates are bucketed in UTC, as
 * `today` is in expressions. Throws LoomError `forbidden` / `field-hidden` (403s) with the report
 * pointer of the refused path.
 */
export function compileReport(request: ReportRequest): CompiledReport {
  const { report: def, model, access } = request;
  const dataset = datasetModel(model);
  const { entity: document, prefix } = documentOf(def.entity, dataset);
  const isTasks = def.entity === WORKFLOW_TASKS;
  const rootAlias = isTasks ? "w" : prefix === "" ? access.alias : "x";
  const now = request.now ?? new Date();
  const from = new ReportFrom(model, dataset, def.entity, access, prefix, rootAlias, now);
  if (prefix !== "") from.column(`${prefix}id`, "/entity");
  const scope = isTasks ? tasksScope(model, access, rootAlias) : rootScope(document!, access);

  const inner: Fragment[] = [];
  const dimensions: CompiledDimension[] = [];
  const dimensionSpecs: DimensionSpec[] = [];
  (def.dimensions ?? []).forEach((d, i) => {
    const ref = from.column(d.field, `/dimensions/${i}/field`);
    const field = ref.steps.at(-1)!.field;
    const label = field.type === "link" ? from.titleSource(field.target) : undefined;
    const spec: DimensionSpec = {
      type: field.type,
      ...(d.bucket && { bucket: d.bucket }),
      ...(label && { label }),
    };
    dimensionSpecs.push(spec);
    inner.push(sql`${groupingValue(ref.sql, spec)} AS ${ident(`d${i}`)}`);
    dimensions.push({
      field: d.field,
      ...(d.bucket && { bucket: d.bucket }),
      datetime: field.type === "datetime",
      labelled: label !== undefined,
    });
  });
  const measureSpecs: MeasureSpec[] = def.measures.map((m, i) => {
    if (m.field === undefined) return { aggregate: m.aggregate };
    const ref = from.column(m.field, `/measures/${i}/field`);
    inner.push(sql`${ref.sql} AS ${ident(`v${i}`)}`);
    return { aggregate: m.aggregate, type: ref.steps.at(-1)!.field.type };
  });

  const filter =
    def.filter === undefined ? undefined : withReportValues(def.filter, request.parameters);
  for (const { name, pointer } of filter === undefined ? [] : recordPaths(filter))
    from.prepare(name, `/filter${pointer}`);
  const period = periodBounds(def, request.parameters);
  if (def.period) from.prepare(def.period.field, "/period/field");
  const condition = (
    values: Readonly<Record<string, unknown>>,
    bounds?: [string | undefined, string | undefined],
  ) => conditionSql(def, from, values, bounds, request, rootAlias);
  const compare =
    def.visualization.type === "kpi" &&
    def.visualization.compare === "previous-period" &&
    period?.previous !== undefined;
  const current = condition(request.parameters, period?.current);
  const drillFilter = conditionOf(def, request.parameters, period?.current);
  const where: Fragment[] = scope ? [sql`(${scope})`] : [];
  if (compare) {
    const previousValues = { ...request.parameters };
    previousValues[def.period!.from] = period!.previous![0];
    previousValues[def.period!.to] = period!.previous![1];
    const previous = condition(previousValues, period!.previous);
    inner.push(sql`(${current}) AS "cur"`, sql`(${previous}) AS "prev"`);
    where.push(sql`((${current}) OR (${previous}))`);
  } else if (current.text !== "true") where.push(sql`(${current})`);

  const base = sql`SELECT ${inner.length > 0 ? join(inner, ", ") : sql`1 AS "one"`} FROM ${from.fromClause()}${where.length > 0 ? sql` WHERE ${join(where, " AND ")}` : sql``}`;
  const limit = Math.min(def.limit ?? MAX_REPORT_ROWS, MAX_REPORT_ROWS);
  const statement =
    dimensions.length === 0
      ? totalsSql(base, measureSpecs, compare)
      : groupedSql(def, base, dimensionSpecs, measureSpecs, limit, compare);
  return {
    sql: statement.text,
    params: statement.params,
    columns: reportColumns(def, dataset),
    dimensions,
    limit,
    compare,
    ...(drillFilter !== undefined && { filter: drillFilter }),
    documentPrefix: prefix,
  };
}

/** The report action's scope on the root's document: a 403 when not granted. */
function rootScope(document: string, access: ReportAccess): Fragment | undefined {
  const scope = access.scope(document, "report");
  if (scope === null)
    throw refusal(
      "forbidden",
      `your roles do not allow report on ${document} (permission ${document}.report)`,
      "/entity",
      `${document}.report`,
    );
  return scope && { text: scope.sql, params: [...scope.params] };
}

/**
 * `$workflow_tasks` in scope: tasks of the records the caller may read — per entity that has a
 * workflow, every task of it when the caller reads every row, else those whose record is in the
 * read scope (EXISTS on the entity's table); entities the caller may not read add nothing.
 */
function tasksScope(model: AppModel, access: ReportAccess, alias: string): Fragment {
  const parts: Fragment[] = [];
  const entityCol = sql`${ident(alias)}."entity"`;
  for (const name of Object.keys(model.workflows).sort()) {
    const entity = model.entities[name];
    if (!entity || entity.type === "child") continue;
    const scope: SqlPart | undefined | null = access.scope(name, "read");
    if (scope === null) continue;
    const same = sql`${entityCol} = ${param(name, "text")}`;
    if (scope === undefined) parts.push(same);
    else {
      const table = sql`${ident(DATA_SCHEMA)}.${ident(entity.table)} ${ident(access.alias)}`;
      const inScope: Fragment = { text: scope.sql, params: [...scope.params] };
      parts.push(
        sql`(${same} AND EXISTS (SELECT 1 FROM ${table} WHERE ${ident(access.alias)}."id" = ${ident(alias)}."record_id" AND (${inScope})))`,
      );
    }
  }
  return parts.length > 0 ? sql`(${join(parts, " OR ")})` : { text: "false", params: [] };
}

/** The filter (with `values` bound) and the period bounds, as one condition; `true` when neither. */
function conditionSql(
  def: ReportDef,
  from: ReportFrom,
  values: Readonly<Record<string, unknown>>,
  bounds: [string | undefined, string | undefined] | undefined,
  request: ReportRequest,
  alias: string,
): Fragment {
  const expr = conditionOf(def, values, bounds);
  if (expr === undefined) return { text: "true", params: [] };
  try {
    const compiled = compileFilter(expr, {
      model: datasetModel(request.model),
      entity: def.entity,
      alias,
      schema: DATA_SCHEMA,
      joins: from.joins,
      ...(request.user && { user: request.user }),
      ...(request.now && { now: request.now }),
    });
    return { text: compiled.sql, params: compiled.params };
  } catch (error) {
    if (!(error instanceof LoomError)) throw error;
    // a stored report's filter was compiled at publish: what fails now is a parameter's value
    throw new LoomError(
      "invalid-parameter",
      `a parameter value does not fit the report's filter: ${error.message}`,
      [{ code: error.code, message: error.message, path: "" }],
    );
  }
}

/** The filter with `values` in it and the period's bounds, as one json-logic condition (undefined: none). */
function conditionOf(
  def: ReportDef,
  values: Readonly<Record<string, unknown>>,
  bounds: [string | undefined, string | undefined] | undefined,
): JsonLogic | undefined {
  const terms: JsonLogic[] = [];
  if (def.filter !== undefined) {
    const filter = withReportValues(def.filter, values);
    // an `and` is spread, so a drill-down from a line root keeps each part it can
    terms.push(...(isAnd(filter) ? filter.and : [filter]));
  }
  if (def.period && bounds) {
    const field = { var: def.period.field };
    if (bounds[0] !== undefined) terms.push({ ">=": [field, bounds[0]] });
    // the last day is included: before the next day's start (a datetime field compares instants)
    if (bounds[1] !== undefined) terms.push({ "<": [field, addTime(bounds[1], 1, "day")!] });
  }
  if (terms.length === 0) return undefined;
  return terms.length === 1 ? terms[0] : { and: terms };
}

/** The period's bounds, and the previous period's: as long, ending the day before `from`. */
function periodBounds(
  def: ReportDef,
  values: Readonly<Record<string, unknown>>,
): { current: [string | undefined, string | undefined]; previous?: [string, string] } | undefined {
  if (!def.period) return undefined;
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  const start = text(values[def.period.from]);
  const end = text(values[def.period.to]);
  if (start === undefined || end === undefined || end < start) return { current: [start, end] };
  const days = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) + 1;
  return {
    current: [start, end],
    previous: [addTime(start, -days, "day")!, addTime(start, -1, "day")!],
  };
}
