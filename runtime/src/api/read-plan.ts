import { type AppModel, DATA_SCHEMA, type Entity, type Field, quoteIdent } from "@loom/engine";
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
  /** the column under ROW_ALIAS, e.g. `"r"."order_date"` */
  readonly ref: string;
  /** the select-list item, aliased to `key` */
  readonly select: string;
  readonly toJson: (value: unknown) => unknown;
}

/** A `table` field: its lines are read with the child entity's own plan. */
export interface LinePlan {
  readonly field: Field;
  readonly child: ReadPlan;
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
      lines.push({ field, child: planOf(field.target) });
    }
  }
  return {
    entity,
    from: `${quoteIdent(DATA_SCHEMA)}.${quoteIdent(entity.table)} ${R}`,
    columns,
    byKey: new Map(columns.map((c) => [c.key, c])),
    lines,
  };
}

function columnRead(key: string, column: string, kind: ColumnKind, nullable: boolean): ColumnRead {
  const ref = `${R}.${quoteIdent(column)}`;
  return {
    key,
    kind,
    nullable,
    ref,
    select: `${selectExpression(ref, kind)} AS ${quoteIdent(key)}`,
    toJson: TO_JSON[kind],
  };
}

/** Dates as text in SQL: a JS Date would shift them by the process's time zone. */
function selectExpression(ref: string, kind: ColumnKind): string {
  return kind === "date" ? `to_char(${ref}, 'YYYY-MM-DD')` : ref;
}

const same = (value: unknown): unknown => value;
// the driver gives numeric and int8 as text, exactly; the contract is JSON numbers
const toNumber = (value: unknown): unknown => (value === null ? null : Number(value));
const toIso = (value: unknown): unknown =>
  value === null
    ? null
    : value instanceof Date
      ? value.toISOString()
      : new Date(String(value)).toISOString();

const TO_JSON: Readonly<Record<ColumnKind, (value: unknown) => unknown>> = {
  text: same,
  bigint: toNumber,
  integer: toNumber,
  numeric: toNumber,
  boolean: same,
  date: same,
  timestamptz: toIso,
  uuid: same,
  "text[]": same,
  jsonb: same,
};

/** A row selected with a plan's columns, as the JSON record (lines not included). */
export function toRecord(
  columns: readonly ColumnRead[],
  row: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const column of columns) record[column.key] = column.toJson(row[column.key] ?? null);
  return record;
}
