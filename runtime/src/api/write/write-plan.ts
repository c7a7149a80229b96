import {
  type AppModel,
  DATA_SCHEMA,
  type Entity,
  type Field,
  fieldsReferenced,
  isServerSet,
  type JsonLogic,
  type NamingSeries,
  type PhysicalSchema,
  physicalSchema,
  quoteIdent,
  SYSTEM_COLUMNS,
  type ValidationRule,
} from "@loom/engine";
import type { ValidateFunction } from "ajv/dist/2020.js";
import type { PreparedStatement } from "../../db/prepared-statement.ts";
import { auditCreatedStatement } from "../audit/audit-created.ts";
import type { ReadPlan, ReadPlans } from "../read-plan.ts";
import { compileBodyValidators } from "./body-validators.ts";
import { type LinkTree, linkTree } from "./link-paths.ts";
import { numberExpression } from "./naming-series.ts";
import { type WriteStatements, writeStatements } from "./store-rows.ts";

/** A stored column a write fills: its field (absent for system columns) and its SQL type. */
export interface WriteColumn {
  /** the record key: a field name, or `id` / `parent_id` / `line_no` */
  readonly key: string;
  readonly column: string;
  /** as `format_type` prints it, e.g. `numeric(18,2)`: the type the JSON value is read as */
  readonly sqlType: string;
}

export interface FieldExpression {
  readonly field: string;
  readonly expr: JsonLogic;
}

/** A field whose value is looked up in another entity (`parent_id` of a tree included). */
export interface LinkField {
  readonly key: string;
  readonly target: string;
}

export interface TablePlan {
  readonly field: string;
  readonly child: WritePlan;
}

/**
 * How to write one entity, compiled once per revision: which body keys the server owns, the
 * defaults, the computed fields in dependency order, rules, links, the stored columns, the
 * plans of its lines, and (documents only) the compiled body validators.
 */
export interface WritePlan {
  readonly entity: Entity;
  readonly read: ReadPlan;
  /** `"app"."table"` */
  readonly table: string;
  /** the columns written from the record, system ones (`id`, `parent_id`, `line_no`) first */
  readonly columns: readonly WriteColumn[];
  /** the SQL text writing this table, built here once */
  readonly sql: WriteStatements;
  /** reads a created record back and audits its creation (see auditCreatedStatement) */
  readonly readCreated: PreparedStatement;
  /** the record's stored keys besides `id` and `line_no`: fields with a column, a tree's `parent_id` */
  readonly keys: readonly string[];
  /** keys the client may send whose values the server sets instead */
  readonly owned: ReadonlySet<string>;
  readonly defaults: readonly { readonly field: string; readonly value: unknown }[];
  readonly defaultExprs: readonly FieldExpression[];
  readonly computed: readonly FieldExpression[];
  readonly requiredIf: readonly FieldExpression[];
  readonly rules: readonly ValidationRule[];
  readonly links: readonly LinkField[];
  /** links to follow inside linked records, for expressions reading deeper paths */
  readonly linkTree: LinkTree;
  readonly tables: readonly TablePlan[];
  readonly namingSeries?: NamingSeries;
  /**
   * Whether the document insert takes the series number itself (no expression of the entity
   * reads the number, so it is not needed before): the counter row, which every create of the
   * entity queues on, is then locked for the shortest time.
   */
  readonly numberInInsert: boolean;
  /** unique index name → the record keys it covers (unique violations name the field) */
  readonly uniqueIndexes: ReadonlyMap<string, readonly string[]>;
  /** foreign key name → record key */
  readonly foreignKeys: ReadonlyMap<string, string>;
  readonly validate?: { readonly create: ValidateFunction; readonly update: ValidateFunction };
}

export type WritePlans = ReadonlyMap<string, WritePlan>;

/** The write plan of every entity; documents (not child entities) get body validators. */
export function compileWritePlans(model: AppModel, readPlans: ReadPlans): WritePlans {
  const physical = physicalSchema(model);
  const validators = compileBodyValidators(model);
  const plans = new Map<string, WritePlan>();
  const planOf = (name: string): WritePlan => {
    let plan = plans.get(name);
    if (!plan) {
      const entity = model.entities[name]!;
      plan = buildPlan(model, entity, readPlans.get(name)!, physical, planOf, validators.get(name));
      plans.set(name, plan);
    }
    return plan;
  };
  for (const name of Object.keys(model.entities)) planOf(name);
  return plans;
}

function buildPlan(
  model: AppModel,
  entity: Entity,
  read: ReadPlan,
  physical: PhysicalSchema,
  planOf: (name: string) => WritePlan,
  validate: WritePlan["validate"],
): WritePlan {
  const table = physical.tables[entity.table]!;
  const columns: WriteColumn[] = [{ key: "id", column: "id", sqlType: "uuid" }];
  const links: LinkField[] = [];
  if (entity.type === "child") {
    columns.push(
      { key: "parent_id", column: "parent_id", sqlType: "uuid" },
      { key: "line_no", column: "line_no", sqlType: "integer" },
    );
  } else if (entity.type === "tree") {
    columns.push({ key: "parent_id", column: "parent_id", sqlType: "uuid" });
    links.push({ key: "parent_id", target: entity.name });
  }
  const owned = new Set<string>([...SYSTEM_COLUMNS, "line_no"]);
  const byColumn = new Map<string, string>([["parent_id", "parent_id"]]);
  for (const field of entity.fields) {
    if (field.column !== undefined) {
      const sqlType = table.columns[field.column]!.type;
      columns.push({
        key: field.name,
        column: field.column,
        sqlType,
      });
      byColumn.set(field.column, field.name);
    }
    if (field.type === "link" && field.target !== undefined)
      links.push({ key: field.name, target: field.target });
    if (isServerSet(entity, field)) owned.add(field.name);
  }
  const uniqueIndexes = new Map<string, string[]>();
  for (const index of Object.values(table.indexes)) {
    if (index.unique)
      uniqueIndexes.set(
        index.name,
        index.columns.flatMap((column) => byColumn.get(column) ?? []),
      );
  }
  const foreignKeys = new Map<string, string>();
  for (const key of Object.values(table.foreignKeys))
    foreignKeys.set(key.name, byColumn.get(key.column) ?? key.column);
  const expressions = (pick: (field: Field) => JsonLogic | undefined): FieldExpression[] =>
    entity.fields.flatMap((field) => {
      const expr = pick(field);
      return expr === undefined ? [] : [{ field: field.name, expr }];
    });
  const computed = dependencyOrder(expressions((field) => field.computed));
  const requiredIf = expressions((field) => field.requiredIf);
  const defaultExprs = expressions((field) => field.defaultExpr);
  const tableName = `${quoteIdent(DATA_SCHEMA)}.${quoteIdent(entity.table)}`;
  const series = entity.namingSeries;
  const seriesColumn = series && entity.fields.find((f) => f.name === series.field)?.column;
  const numberRead = [...computed, ...requiredIf, ...defaultExprs]
    .map((e) => e.expr)
    .concat(entity.rules.map((rule) => rule.assert))
    .some((expr) => fieldsReferenced(expr).includes(series?.field ?? ""));
  const numberInInsert = series !== undefined && seriesColumn !== undefined && !numberRead;
  const tables = entity.fields.flatMap((field) =>
    field.type === "table" && field.target !== undefined
      ? [{ field: field.name, child: planOf(field.target) }]
      : [],
  );
  return {
    entity,
    read,
    table: tableName,
    columns,
    readCreated: auditCreatedStatement(read),
    sql: writeStatements(
      tableName,
      columns,
      entity.type === "child",
      tables,
      numberInInsert
        ? { column: seriesColumn!, expression: (value) => numberExpression(series!, value) }
        : undefined,
    ),
    keys: columns.flatMap((c) =>
      c.key === "id" || c.key === "line_no" || (c.key === "parent_id" && entity.type === "child")
        ? []
        : [c.key],
    ),
    owned,
    defaults: entity.fields
      .filter((field) => field.default !== undefined)
      .map((field) => ({ field: field.name, value: field.default })),
    defaultExprs,
    computed,
    requiredIf,
    rules: entity.rules,
    links,
    linkTree: linkTree(model, entity, [
      ...[...computed, ...requiredIf, ...defaultExprs].map((e) => e.expr),
      ...entity.rules.map((rule) => rule.assert),
    ]),
    tables,
    ...(series ? { namingSeries: series } : {}),
    numberInInsert,
    uniqueIndexes,
    foreignKeys,
    ...(validate ? { validate } : {}),
  };
}

/**
 * Computed fields that others read come first; the model compiler refused cycles, so a
 * depth-first walk settles the order.
 */
function dependencyOrder(computed: readonly FieldExpression[]): FieldExpression[] {
  const byName = new Map(computed.map((c) => [c.field, c]));
  const ordered: FieldExpression[] = [];
  const done = new Set<string>();
  const visit = (item: FieldExpression): void => {
    if (done.has(item.field)) return;
    done.add(item.field);
    for (const name of fieldsReferenced(item.expr)) {
      const dependency = byName.get(name);
      if (dependency) visit(dependency);
    }
    ordered.push(item);
  };
  computed.forEach(visit);
  return ordered;
}
