import {
  type AppModel,
  CHILD_COLUMNS,
  type Entity,
  type Field,
  SYSTEM_COLUMNS,
  TREE_COLUMNS,
} from "../model/app-model.ts";
import type { PhysicalSchema } from "./physical-types.ts";

/**
 * Explicit from → to maps: which old table and column each new one continues. Everything the
 * planner decides about renames, and about old data that cannot be carried over, is decided here.
 */
export interface ModelPairing {
  /** old table → new table, for every table that survives (renamed or not, changed or not) */
  readonly tables: ReadonlyMap<string, string>;
  /** old table → (old column → new column), for surviving tables whose storage may have changed */
  readonly columns: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** the same, backwards: new table → old table, and new table → (new column → old column) */
  readonly oldTables: ReadonlyMap<string, string>;
  readonly oldColumns: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** old table → (old column → why its field's data cannot be carried over) */
  readonly replaced: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly before: TableOwners;
  readonly after: TableOwners;
}

/** Which entity and field own a table and its columns, for step descriptions. */
export interface TableOwners {
  entity(table: string): string;
  field(table: string, column: string): string | undefined;
}

/**
 * `entityPairs` comes from `pairEntities`; the schemas hold the tables worth comparing (entities
 * whose storage may have changed): columns are paired only where both sides are present.
 */
export function pairModels(
  from: AppModel,
  to: AppModel,
  entityPairs: readonly (readonly [Entity, Entity])[],
  fromSchema: PhysicalSchema,
  toSchema: PhysicalSchema,
): ModelPairing {
  const renamedEntities = new Map(entityPairs.map(([old, next]) => [old.name, next.name]));
  const tables = new Map<string, string>();
  const oldTables = new Map<string, string>();
  const columns = new Map<string, Map<string, string>>();
  const oldColumns = new Map<string, Map<string, string>>();
  const replaced = new Map<string, Map<string, string>>();
  for (const [old, next] of entityPairs) {
    tables.set(old.table, next.table);
    oldTables.set(next.table, old.table);
    const oldTable = fromSchema.tables[old.table];
    const newTable = toSchema.tables[next.table];
    if (!oldTable || !newTable) continue;
    const forward = new Map<string, string>();
    const backward = new Map<string, string>();
    const pair = (oldColumn: string, newColumn: string): void => {
      forward.set(oldColumn, newColumn);
      backward.set(newColumn, oldColumn);
    };
    // field columns never take these reserved names, so they pair by name
    for (const name of STRUCTURAL_COLUMNS) {
      if (oldTable.columns[name] && newTable.columns[name]) pair(name, name);
    }
    const replacedHere = new Map<string, string>();
    for (const [oldField, newField] of pairFields(old, next)) {
      if (oldField.column === undefined) continue;
      const reason = replacementReason(oldField, newField, renamedEntities);
      if (reason !== undefined) replacedHere.set(oldField.column, reason);
      else if (newField.column !== undefined) pair(oldField.column, newField.column);
    }
    columns.set(old.table, forward);
    oldColumns.set(next.table, backward);
    replaced.set(old.table, replacedHere);
  }
  return {
    tables,
    columns,
    oldTables,
    oldColumns,
    replaced,
    before: owners(from),
    after: owners(to),
  };
}

const STRUCTURAL_COLUMNS = [...new Set([...SYSTEM_COLUMNS, ...CHILD_COLUMNS, ...TREE_COLUMNS])];

/** A new entity continues the old one of the same name, else the one it was `renamedFrom`. */
export function pairEntities(from: AppModel, to: AppModel): [Entity, Entity][] {
  return continuations(Object.values(from.entities), Object.values(to.entities));
}

function pairFields(old: Entity, next: Entity): [Field, Field][] {
  return continuations(old.fields, next.fields);
}

/**
 * Pairs items by name first, then by `renamedFrom` when the old name is free in the new model,
 * each old item continued at most once. A rename whose old name is gone is simply an addition.
 */
function continuations<T extends { readonly name: string; readonly renamedFrom?: string }>(
  olds: readonly T[],
  nexts: readonly T[],
): [T, T][] {
  const oldByName = new Map(olds.map((item) => [item.name, item]));
  const nextNames = new Set(nexts.map((item) => item.name));
  const pairs: [T, T][] = [];
  const claimed = new Set<string>();
  const claim = (next: T, name: string | undefined): boolean => {
    const old = name === undefined ? undefined : oldByName.get(name);
    if (!old || claimed.has(old.name)) return false;
    claimed.add(old.name);
    pairs.push([old, next]);
    return true;
  };
  const renamed = nexts.filter((next) => !claim(next, next.name));
  for (const next of renamed) {
    if (next.renamedFrom !== undefined && !nextNames.has(next.renamedFrom)) {
      claim(next, next.renamedFrom);
    }
  }
  return pairs;
}

/** Values of a link only make sense for its target: a link that changes is a new column. */
function replacementReason(
  old: Field,
  next: Field,
  renamedEntities: ReadonlyMap<string, string>,
): string | undefined {
  const typeChanged = old.type !== next.type;
  if (next.column === undefined || (typeChanged && (old.type === "link" || next.type === "link"))) {
    return `type changed from ${old.type} to ${next.type}`;
  }
  if (typeChanged || old.type !== "link") return undefined;
  const oldTarget = old.target === undefined ? undefined : renamedEntities.get(old.target);
  return oldTarget === next.target
    ? undefined
    : `link target changed from ${old.target} to ${next.target}`;
}

/** Field names per table are looked up only for the few columns that get a step. */
function owners(model: AppModel): TableOwners {
  const byTable = new Map(Object.values(model.entities).map((entity) => [entity.table, entity]));
  const fieldsByColumn = new Map<string, Map<string, string>>();
  const fieldsOf = (table: string): Map<string, string> => {
    let fields = fieldsByColumn.get(table);
    if (!fields) {
      fields = new Map();
      for (const field of byTable.get(table)?.fields ?? []) {
        if (field.column !== undefined) fields.set(field.column, field.name);
      }
      fieldsByColumn.set(table, fields);
    }
    return fields;
  };
  return {
    entity: (table) => byTable.get(table)?.name ?? table,
    field: (table, column) => fieldsOf(table).get(column),
  };
}
