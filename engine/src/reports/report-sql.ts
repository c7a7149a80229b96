import { type Fragment, ident, join, param, sql } from "../expr/sql/fragment.ts";
import type { FieldType } from "../metadata/types.ts";
import type { Aggregate, Bucket, ReportDef } from "./types.ts";

/** A dimension as the statement groups it: by its raw value (a bucket as a timestamp). */
export interface DimensionSpec {
  readonly type: FieldType;
  readonly bucket?: Bucket;
  /** a link's target, joined after grouping for its title */
  readonly label?: { readonly source: Fragment; readonly column: string };
}

export interface MeasureSpec {
  readonly aggregate: Aggregate;
  /** absent: count of rows */
  readonly type?: FieldType;
}

const BUCKET_SQL: Readonly<Record<Bucket, Fragment>> = {
  day: { text: "'day'", params: [] },
  week: { text: "'week'", params: [] }, // ISO weeks: date_trunc starts them on Monday
  month: { text: "'month'", params: [] },
  quarter: { text: "'quarter'", params: [] },
  year: { text: "'year'", params: [] },
};
/** SQL function names from this table only, never from the definition's text. */
const AGGREGATE_SQL: Readonly<Record<"sum" | "avg" | "min" | "max", Fragment>> = {
  sum: { text: "sum", params: [] },
  avg: { text: "avg", params: [] },
  min: { text: "min", params: [] },
  max: { text: "max", params: [] },
};
const ISO_DATE = "'YYYY-MM-DD'";
const ISO_DATETIME = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const NUMERIC: readonly FieldType[] = ["integer", "decimal", "money", "percent"];

/**
 * The value a dimension groups by, per row: a bucket is `date_trunc` of the date (as a timestamp,
 * so no session time zone plays) or of the datetime in UTC; anything else the column itself.
 */
export function groupingValue(column: Fragment, dimension: DimensionSpec): Fragment {
  if (!dimension.bucket) return column;
  const at =
    dimension.type === "datetime" ? sql`(${column} AT TIME ZONE 'UTC')` : sql`${column}::timestamp`;
  return sql`date_trunc(${BUCKET_SQL[dimension.bucket]}, ${at})`;
}

/** The aggregate of measure i over `"b"."v<i>"`, restricted to one period when comparing. */
function aggregate(m: MeasureSpec, i: number, only: "cur" | "prev" | undefined): Fragment {
  const v = sql`"b".${ident(`v${i}`)}`;
  const filter = only ? sql` FILTER (WHERE "b".${ident(only)})` : sql``;
  switch (m.aggregate) {
    case "count":
      return m.type === undefined ? sql`count(*)${filter}` : sql`count(${v})${filter}`;
    case "distinct":
      return sql`count(DISTINCT ${v})${filter}`;
    default:
      return sql`${AGGREGATE_SQL[m.aggregate]}(${v})${filter}`;
  }
}

/**
 * How a grouped value leaves the statement: counts and numbers as doubles, dates as ISO text —
 * formatted after grouping, so a million rows are never formatted one by one.
 */
function output(value: Fragment, type: FieldType | "count", bucketed: boolean): Fragment {
  if (bucketed || type === "date") return sql`to_char(${value}, ${{ text: ISO_DATE, params: [] }})`;
  if (type === "datetime")
    return sql`to_char(${value} AT TIME ZONE 'UTC', ${{ text: ISO_DATETIME, params: [] }})`;
  return type === "count" || NUMERIC.includes(type) ? sql`(${value})::float8` : value;
}

function measureType(m: MeasureSpec): FieldType | "count" {
  if (m.aggregate === "count" || m.aggregate === "distinct" || m.type === undefined) return "count";
  return m.aggregate === "sum" || m.aggregate === "avg" ? "decimal" : m.type;
}

/** `WITH "b" AS NOT MATERIALIZED (<base>)`: the rows, joined and filtered once, read by name. */
function withBase(base: Fragment): Fragment {
  return sql`WITH "b" AS NOT MATERIALIZED (${base}) `;
}

/** No dimensions: one row of the measures over every matching row (also when none match). */
export function totalsSql(
  base: Fragment,
  measures: readonly MeasureSpec[],
  compare: boolean,
): Fragment {
  const columns = measures.flatMap((m, i) => [
    sql`${output(aggregate(m, i, compare ? "cur" : undefined), measureType(m), false)} AS ${ident(`m${i}`)}`,
    ...(compare
      ? [sql`${output(aggregate(m, i, "prev"), measureType(m), false)} AS ${ident(`p${i}`)}`]
      : []),
  ]);
  return sql`${withBase(base)}SELECT ${join(columns, ", ")} FROM "b"`;
}

/**
 * Dimensions: the groups (a plain GROUP BY, hashed), then link titles joined to the groups (not
 * the rows), each group numbered in the report's order and cut at limit + 1, with the totals
 * over every matching row as window aggregates of the groups (avg from sums and counts; a
 * distinct count, which does not add up, from one more aggregate over the rows).
 */
export function groupedSql(
  def: ReportDef,
  base: Fragment,
  dimensions: readonly DimensionSpec[],
  measures: readonly MeasureSpec[],
  limit: number,
  compare: boolean,
): Fragment {
  const d = (i: number) => ident(`d${i}`);
  const grouped: Fragment[] = dimensions.map((_, i) => sql`"b".${d(i)}`);
  const periods: ("cur" | "prev" | undefined)[] = compare ? ["cur", "prev"] : [undefined];
  const inner: Fragment[] = [...grouped];
  const outer: Fragment[] = [];
  const joins: Fragment[] = [];
  dimensions.forEach((dimension, i) => {
    outer.push(
      sql`${output(sql`"s".${d(i)}`, dimension.type, dimension.bucket !== undefined)} AS ${d(i)}`,
    );
    if (dimension.label) {
      const k = ident(`k${i}`);
      joins.push(sql` LEFT JOIN ${dimension.label.source} ${k} ON ${k}."id" = "s".${d(i)}`);
      outer.push(sql`${k}.${ident(dimension.label.column)}::text AS ${ident(`l${i}`)}`);
    }
  });
  periods.forEach((only, p) => {
    const [m, t] = p === 0 ? ["m", "t"] : ["p", "u"];
    measures.forEach((measure, i) => {
      const name = ident(`${m}${i}`);
      const type = measureType(measure);
      inner.push(sql`${aggregate(measure, i, only)} AS ${name}`);
      outer.push(sql`${output(sql`"s".${name}`, type, false)} AS ${name}`);
      outer.push(
        sql`${output(total(measure, i, m, only, inner), type, false)} AS ${ident(`${t}${i}`)}`,
      );
    });
  });
  outer.push(sql`row_number() OVER (ORDER BY ${orderSql(def, dimensions)}) AS "n"`);
  const groups = sql`SELECT ${join(inner, ", ")} FROM "b" GROUP BY ${join(grouped, ", ")}`;
  return sql`${withBase(base)}SELECT * FROM (SELECT ${join(outer, ", ")} FROM (${groups}) "s"${join(joins, "")}) "t" WHERE "t"."n" <= ${param(limit + 1, "integer")} ORDER BY "t"."n"`;
}

/** A measure's total over every group; avg adds its sum and count to the groups it reads. */
function total(
  measure: MeasureSpec,
  i: number,
  prefix: string,
  only: "cur" | "prev" | undefined,
  inner: Fragment[],
): Fragment {
  const own = sql`"s".${ident(`${prefix}${i}`)}`;
  switch (measure.aggregate) {
    case "count":
    case "sum":
      return sql`sum(${own}) OVER ()`;
    case "min":
    case "max":
      return sql`${AGGREGATE_SQL[measure.aggregate]}(${own}) OVER ()`;
    case "avg": {
      const [s, c] = [ident(`${prefix}${i}_sum`), ident(`${prefix}${i}_n`)];
      inner.push(
        sql`${aggregate({ aggregate: "sum", type: "decimal" }, i, only)} AS ${s}`,
        sql`${aggregate({ aggregate: "count", type: "decimal" }, i, only)} AS ${c}`,
      );
      return sql`sum("s".${s}) OVER () / NULLIF(sum("s".${c}) OVER (), 0)`;
    }
    case "distinct":
      return sql`(SELECT ${aggregate(measure, i, only)} FROM "b")`;
  }
}

/** The report's sort, then every dimension ascending (a link by its title, then its id). */
function orderSql(def: ReportDef, dimensions: readonly DimensionSpec[]): Fragment {
  // a link dimension sorts by its title, then its id
  const columns = new Map<string, Fragment[]>();
  (def.dimensions ?? []).forEach((dimension, i) => {
    const label = dimensions[i]?.label;
    columns.set(dimension.name, [
      ...(label ? [sql`${ident(`k${i}`)}.${ident(label.column)}`] : []),
      sql`"s".${ident(`d${i}`)}`,
    ]);
  });
  def.measures.forEach((measure, i) => {
    columns.set(measure.name, [sql`"s".${ident(`m${i}`)}`]);
  });
  const keys: Fragment[] = [];
  for (const key of def.sort ?? []) {
    const direction = { text: key.desc ? "DESC" : "ASC", params: [] };
    for (const column of columns.get(key.by) ?? [])
      keys.push(sql`${column} ${direction} NULLS LAST`);
  }
  dimensions.forEach((dimension, i) => {
    if (dimension.label)
      keys.push(sql`${ident(`k${i}`)}.${ident(dimension.label.column)} ASC NULLS LAST`);
    keys.push(sql`"s".${ident(`d${i}`)} ASC NULLS LAST`);
  });
  return join(keys, ", ");
}
