import { type Issue, LoomError } from "../errors.ts";
import type { AppModel, Entity, Field } from "../model/app-model.ts";
import { fieldColumnType, formatColumnType } from "./column-type.ts";
import { defaultLiteral } from "./default-literal.ts";
import { physicalNames } from "./physical-names.ts";
import type {
  PhysicalColumn,
  PhysicalForeignKey,
  PhysicalIndex,
  PhysicalSchema,
  PhysicalTable,
} from "./physical-types.ts";

/** The tables, columns, indexes and foreign keys a model needs: the one truth about storage. */
export function physicalSchema(model: AppModel): PhysicalSchema {
  const tables: Record<string, PhysicalTable> = {};
  for (const entity of Object.values(model.entities)) {
    tables[entity.table] = physicalTable(entity, model);
  }
  const issues = indexNameClashes(Object.values(tables));
  if (issues.length > 0) {
    throw new LoomError("index-name-clash", "two indexes would have the same name", issues);
  }
  return { tables };
}

const SYSTEM_COLUMN_DEFS: readonly PhysicalColumn[] = [
  { name: "id", type: "uuid", notNull: true, default: "gen_random_uuid()" },
  { name: "version", type: "integer", notNull: true, default: "1" },
  { name: "created_at", type: "timestamp with time zone", notNull: true, default: "now()" },
  { name: "created_by", type: "text", notNull: false },
  { name: "updated_at", type: "timestamp with time zone", notNull: true, default: "now()" },
  { name: "updated_by", type: "text", notNull: false },
];

interface TableParts {
  readonly columns: Record<string, PhysicalColumn>;
  readonly indexes: Record<string, PhysicalIndex>;
  readonly foreignKeys: Record<string, PhysicalForeignKey>;
}

/** The table of one entity; `model` resolves the tables its links and owner point at. */
export function physicalTable(entity: Entity, model: AppModel): PhysicalTable {
  const parts: TableParts = { columns: {}, indexes: {}, foreignKeys: {} };
  for (const column of SYSTEM_COLUMN_DEFS) parts.columns[column.name] = column;
  addStructure(parts, entity, model);
  for (const field of entity.fields) addField(parts, entity, field, model);
  for (const index of entity.indexes) {
    addIndex(parts, physicalNames.declared(index.name), index.columns, index.unique);
  }
  return { name: entity.table, primaryKey: ["id"], ...parts };
}

/** The columns that make an entity a child (owner and line order), a tree, or a single record. */
function addStructure(parts: TableParts, entity: Entity, model: AppModel): void {
  const table = entity.table;
  if (entity.type === "child") {
    if (!entity.parent) {
      throw new LoomError("plan-child-without-parent", `child entity ${entity.name} has no parent`);
    }
    parts.columns.parent_id = { name: "parent_id", type: "uuid", notNull: true };
    parts.columns.line_no = { name: "line_no", type: "integer", notNull: true };
    addForeignKey(parts, table, "parent_id", tableOf(model, entity.parent.entity), "cascade");
    addIndex(parts, physicalNames.lineOrder(table), ["parent_id", "line_no"], false);
  } else if (entity.type === "tree") {
    parts.columns.parent_id = { name: "parent_id", type: "uuid", notNull: false };
    addForeignKey(parts, table, "parent_id", table, "restrict");
    addIndex(parts, physicalNames.parent(table), ["parent_id"], false);
  } else if (entity.type === "single") {
    addIndex(parts, physicalNames.singleRow(table), ["(true)"], true);
  }
}

function addField(parts: TableParts, entity: Entity, field: Field, model: AppModel): void {
  const type = fieldColumnType(field);
  const column = field.column;
  if (!type || column === undefined) return;
  const table = entity.table;
  const fieldDefault = defaultLiteral(type, field.default);
  parts.columns[column] = {
    name: column,
    type: formatColumnType(type),
    notNull: field.required,
    ...(fieldDefault === undefined ? {} : { default: fieldDefault }),
  };
  if (field.unique) addIndex(parts, physicalNames.unique(table, column), [column], true);
  if (field.type === "link") {
    const onDelete = field.onDelete === "set-null" ? "set null" : "restrict";
    addForeignKey(parts, table, column, tableOf(model, field.target), onDelete);
    // lookups by the key need an index leading with it, unless one is already declared
    const covered = field.unique || entity.indexes.some((index) => index.columns[0] === column);
    if (!covered) addIndex(parts, physicalNames.link(table, column), [column], false);
  }
}

function addIndex(
  parts: TableParts,
  name: string,
  columns: readonly string[],
  unique: boolean,
): void {
  if (parts.indexes[name]) {
    throw new LoomError("index-name-clash", `two indexes of one table are named ${name}`);
  }
  parts.indexes[name] = { name, columns, unique };
}

function addForeignKey(
  parts: TableParts,
  table: string,
  column: string,
  references: string,
  onDelete: PhysicalForeignKey["onDelete"],
): void {
  const name = physicalNames.foreignKey(table, column);
  parts.foreignKeys[name] = { name, column, references, onDelete };
}

function tableOf(model: AppModel, entityName: string | undefined): string {
  const target = entityName === undefined ? undefined : model.entities[entityName];
  if (!target) {
    throw new LoomError("plan-unknown-entity", `entity ${entityName ?? "(none)"} does not exist`);
  }
  return target.table;
}

/** Index names share one namespace per schema; a clash would only surface halfway through a plan. */
function indexNameClashes(tables: readonly PhysicalTable[]): Issue[] {
  const owner = new Map<string, string>();
  const issues: Issue[] = [];
  for (const table of tables) {
    for (const name of Object.keys(table.indexes)) {
      const other = owner.get(name);
      if (other !== undefined) {
        issues.push({
          code: "index-name-clash",
          message: `index name ${name} is used by tables ${other} and ${table.name}`,
        });
      }
      owner.set(name, table.name);
    }
  }
  return issues;
}
