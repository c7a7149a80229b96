import { createHash } from "node:crypto";
import { type AppModel, DATA_SCHEMA, type Entity, type Field, quoteIdent } from "@loom/engine";
import { type PreparedStatement, preparedStatement } from "../db/prepared-statement.ts";
import { type ColumnKind, kindOfField } from "./column-kind.ts";

/** Every query over an entity's table names it with this alias; filters compile against it too. */
export const ROW_ALIAS = "r";
/** ROW_ALIAS quoted, for SQL text */
export const R = quoteIdent(ROW_ALIAS);

/** One column of a record: how to select it and how its driver value becomes JSON. */
export interface ColumnRead {
  /** the JSON key: a field name or a system column */
  readonly key: string;
  readonly kind: ColumnKind;
  readonly nullable: boolean;
  /** the quoted column name, e.g. `"order_date"` */
  readonly column: string;
  /** the column under ROW_ALIAS, e.g. `"r"."order_date"` */
  readonly ref: string;
  /** the select-list item, aliased to `key` */
  readonly select: string;
  readonly toJson: (value: unknown) => unknown;
}

/**
 * A `table` field: its lines are read with the child entity's own plan, inside the parent's own
 * statement (one statement is one snapshot, so a record and its lines always agree).
 */
export interface LinePlan {
  readonly field: Field;
  readonly child: ReadPlan;
  /**
   * The select-list item for a parent under ROW_ALIAS, aliased to the field's name: the lines as a
   * JSON array in line_no order (`[]` when none), their own tables nested the same way.
   */
  readonly select: string;
}

/**
 * How to read one entity, compiled once per revision: the select list in model order (system
 * columns first), the JSON conversion of each column, and the plans of its child tables.
 */
export interface ReadPlan {
  readonly entity: Entity;
  /** `"app"."table" "r"` */
  readonly from: string;
  readonly columns: readonly ColumnRead[];
  readonly byKey: ReadonlyMap<string, ColumnRead>;
  readonly lines: readonly LinePlan[];
  /**
   * The entity's own columns and types, hashed: statements returning them are prepared under
   * names that change with it (see preparedStatement).
   */
  readonly shape: string;
  /** the record with its lines by id; binds: id */
  readonly byId: PreparedStatement;
  /** records without lines by ids; binds: an array of ids */
  readonly byIds: PreparedStatement;
}

export type ReadPlans = ReadonlyMap<string, ReadPlan>;

/** The read plan of every entity of the model, child entities included. */
export function compileReadPlans(model: AppModel): ReadPlans {
  const plans = new Map<string, ReadPlan>();
  const planOf = (name: string): ReadPlan => {
    let plan = plans.get(name);
    if (!plan) {
      const entity = model.entities[name];
      if (!entity) throw new Error(`the model has no entity ${name}`);
      plan = buildPlan(entity, planOf);
      plans.set(name, plan);
    }
    return plan;
  };
  for (const name of Object.keys(model.entities)) planOf(name);
  return plans;
}

function buildPlan(entity: Entity, planOf: (name: string) => ReadPlan): ReadPlan {
  const columns: ColumnRead[] = [];
  if (entity.type === "child") {
    // lines share their document's version and audit columns (the record conventions)
    columns.push(
      columnRead("id", "id", "uuid", false),
      columnRead("line_no", "line_no", "integer", false),
    );
  } else {
    columns.push(
      columnRead("id", "id", "uuid", false),
      columnRead("version", "version", "integer", false),
      columnRead("created_at", "created_at", "timestamptz", false),
      columnRead("created_by", "created_by", "text", true),
      columnRead("updated_at", "updated_at", "timestamptz", false),
      columnRead("updated_by", "updated_by", "text", true),
    );
    if (entity.type === "tree") columns.push(columnRead("parent_id", "parent_id", "uuid", true));
  }
  const lines: LinePlan[] = [];
  for (const field of entity.fields) {
    const kind = kindOfField(field.type);
    if (kind !== undefined && field.column !== undefined) {
      columns.push(columnRead(field.name, field.column, kind, !field.required));
    } else if (field.type === "table" && field.target !== undefined) {
      const child = planOf(field.target);
      lines.push({ field, child, select: linesSelect(field, child, R, 1) });
    }
  }
  const from = `${quoteIdent(DATA_SCHEMA)}.${quoteIdent(entity.table)} ${R}`;
  const shape = createHash("sha256").update(JSON.stringify(entity.fields)).digest("hex");
  return {
    entity,
    from,
    columns,
    byKey: new Map(columns.map((c) => [c.key, c])),
    lines,
    shape,
    byId: preparedStatement(
      `SELECT ${selectList(columns, lines)} FROM ${from} WHERE ${R}."id" = ?`,
      shape,
    ),
    byIds: preparedStatement(
      `SELECT ${selectList(columns)} FROM ${from} WHERE ${R}."id" = ANY(?::uuid[])`,
      shape,
    ),
  };
}

/** The select list of these columns, then of these table fields (each its lines as JSON). */
export function selectList(
  columns: readonly ColumnRead[],
  lines: readonly LinePlan[] = [],
): string {
  return [...columns.map((column) => column.select), ...lines.map((line) => line.select)].join(
    ", ",
  );
}

/**
 * `COALESCE((SELECT json_agg(l1 ORDER BY l1.line_no) FROM (SELECT … FROM child r1 WHERE
 * r1.parent_id = r.id) l1), '[]')`: a correlated subquery per table field and level. Rows become
 * JSON objects through row_to_json, which has no argument limit (json_build_object stops at 50
 * keys); values whose JSON rendering differs from what the driver gives are converted in SQL first.
 */
function linesSelect(field: Field, child: ReadPlan, parent: string, depth: number): string {
  const alias = quoteIdent(`${ROW_ALIAS}${depth}`);
  const rows = quoteIdent(`l${depth}`);
  const items = [
    ...child.columns.map(
      (c) => `${selectExpression(`${alias}.${c.column}`, c.kind)} AS ${quoteIdent(c.key)}`,
    ),
    ...child.lines.map((line) => linesSelect(line.field, line.child, alias, depth + 1)),
  ];
  const table = `${quoteIdent(DATA_SCHEMA)}.${quoteIdent(child.entity.table)}`;
  return `COALESCE((SELECT json_agg(${rows} ORDER BY ${rows}."line_no") FROM (SELECT ${items.join(", ")} FROM ${table} ${alias} WHERE ${alias}."parent_id" = ${parent}."id") ${rows}), '[]'::json) AS ${quoteIdent(field.name)}`;
}

function columnRead(key: string, column: string, kind: ColumnKind, nullable: boolean): ColumnRead {
  const ref = `${R}.${quoteIdent(column)}`;
  return {
    key,
    kind,
    nullable,
    column: quoteIdent(column),
    ref,
    select: `${selectExpression(ref, kind)} AS ${quoteIdent(key)}`,
    toJson: TO_JSON[kind],
  };
}

/**
 * Dates and times as the JSON text in SQL, so that a value reads the same at the top level and
 * inside a line's JSON, and the driver parses no Date per value. A JS Date would shift a date by
 * the process's time zone; json would render a timestamptz in the session's zone, whose offset
 * can have seconds (`+05:41:16` for old dates) that JS cannot parse: it is UTC ISO text,
 * milliseconds truncated, as the drivers' Dates and toISOString give it.
 */
function selectExpression(ref: string, kind: ColumnKind): string {
  if (kind === "date") return `to_char(${ref}, 'YYYY-MM-DD')`;
  if (kind === "timestamptz")
    return `to_char(${ref} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return ref;
}

const same = (value: unknown): unknown => value;
// the driver gives numeric and int8 as text, exactly; the contract is JSON numbers
const toNumber = (value: unknown): unknown => (value === null ? null : Number(value));

const TO_JSON: Readonly<Record<ColumnKind, (value: unknown) => unknown>> = {
  text: same,
  bigint: toNumber,
  integer: toNumber,
  numeric: toNumber,
  boolean: same,
  date: same,
  timestamptz: same,
  uuid: same,
  "text[]": same,
  jsonb: same,
};

/**
 * A row selected with these columns (and these lines' select items), as the JSON record: lines
 * come as parsed JSON objects keyed like the columns, and go through the same conversions.
 */
export function toRecord(
  columns: readonly ColumnRead[],
  row: Readonly<Record<string, unknown>>,
  lines: readonly LinePlan[] = [],
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const column of columns) record[column.key] = column.toJson(row[column.key] ?? null);
  for (const { field, child } of lines) {
    const items = (row[field.name] ?? []) as readonly Readonly<Record<string, unknown>>[];
    record[field.name] = items.map((item) => toRecord(child.columns, item, child.lines));
  }
  return record;
}
