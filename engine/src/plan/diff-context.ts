import type { AppModel, Entity } from "../model/app-model.ts";
import { type Located, matchNamed, type NamedMatching } from "./match-named.ts";
import { type ModelPairing, pairEntities, pairModels } from "./pair-models.ts";
import { pairRetired, type RetiredPairing } from "./pair-retired.ts";
import { physicalTable } from "./physical-schema.ts";
import type {
  PhysicalForeignKey,
  PhysicalIndex,
  PhysicalSchema,
  PhysicalTable,
} from "./physical-types.ts";
import { sameJson } from "./same-json.ts";
import type { PlanOptions } from "./types.ts";

/**
 * Everything the step builders read: the from → to maps, the tables worth comparing, and their
 * matched indexes and keys. An entity identical in both models (and pointing at tables that kept
 * their names) cannot change storage, so its table is left out: a one-field change in a large
 * model only compares the tables it touches.
 */
export interface DiffContext {
  /** tables of dropped entities and of surviving entities that changed, by old name */
  readonly from: PhysicalSchema;
  /** tables of new entities and of surviving entities that changed, by new name */
  readonly to: PhysicalSchema;
  readonly pairing: ModelPairing;
  /** changed tables that exist before and after */
  readonly survivors: readonly { readonly before: PhysicalTable; readonly after: PhysicalTable }[];
  readonly droppedTables: ReadonlySet<string>;
  readonly indexes: NamedMatching<PhysicalIndex>;
  readonly foreignKeys: NamedMatching<PhysicalForeignKey>;
  /** the old name of a surviving table's column, if it existed before */
  oldColumn(newTable: string, newColumn: string): string | undefined;
  oldTable(newTable: string): string | undefined;
  /** the entity a step on an old table is about: by its new name when the table survives */
  entityOfOld(oldTable: string): string;
  /** what happens to a column no field continues */
  readonly dropColumns: "drop" | "retire";
  /** retired columns: which each table holds, which new columns take one back */
  readonly retired: RetiredPairing;
}

export function diffContext(
  fromModel: AppModel,
  toModel: AppModel,
  options: PlanOptions = {},
): DiffContext {
  const entityPairs = pairEntities(fromModel, toModel);
  const from: Record<string, PhysicalTable> = {};
  const to: Record<string, PhysicalTable> = {};
  const continued = new Set<Entity>();
  const survivors: { before: PhysicalTable; after: PhysicalTable }[] = [];
  for (const [old, next] of entityPairs) {
    continued.add(old).add(next);
    if (sameStorage(old, next, fromModel, toModel)) continue;
    const before = physicalTable(old, fromModel);
    const after = physicalTable(next, toModel);
    from[before.name] = before;
    to[after.name] = after;
    survivors.push({ before, after });
  }
  for (const entity of Object.values(fromModel.entities)) {
    if (!continued.has(entity)) from[entity.table] = physicalTable(entity, fromModel);
  }
  for (const entity of Object.values(toModel.entities)) {
    if (!continued.has(entity)) to[entity.table] = physicalTable(entity, toModel);
  }
  const fromSchema = { tables: from };
  const toSchema = { tables: to };
  const pairing = pairModels(fromModel, toModel, entityPairs, fromSchema, toSchema);
  return {
    from: fromSchema,
    to: toSchema,
    pairing,
    survivors,
    droppedTables: new Set(Object.keys(from).filter((table) => !pairing.tables.has(table))),
    indexes: matchIndexes(pairing, fromSchema, toSchema),
    foreignKeys: matchForeignKeys(pairing, fromSchema, toSchema),
    oldColumn: (table, column) => pairing.oldColumns.get(table)?.get(column),
    oldTable: (table) => pairing.oldTables.get(table),
    entityOfOld: (table) => {
      const next = pairing.tables.get(table);
      return next === undefined ? pairing.before.entity(table) : pairing.after.entity(next);
    },
    dropColumns: options.dropColumns ?? "drop",
    retired: pairRetired(options.retired ?? [], survivors, pairing),
  };
}

/** Same definition, and every table it points at (links, owner) kept its name. */
function sameStorage(old: Entity, next: Entity, fromModel: AppModel, toModel: AppModel): boolean {
  if (!sameJson(old, next)) return false;
  const pointsAt = [next.parent?.entity, ...next.fields.map((field) => field.target)];
  return pointsAt.every(
    (name) =>
      name === undefined || fromModel.entities[name]?.table === toModel.entities[name]?.table,
  );
}

function matchIndexes(
  pairing: ModelPairing,
  from: PhysicalSchema,
  to: PhysicalSchema,
): NamedMatching<PhysicalIndex> {
  return matchNamed(
    located(from, (table) => table.indexes),
    located(to, (table) => table.indexes),
    ({ table, item }) => {
      const target = pairing.tables.get(table);
      const columns = pairing.columns.get(table);
      const keys = item.columns.map((key) => (key.startsWith("(") ? key : columns?.get(key)));
      return target === undefined || keys.includes(undefined)
        ? undefined
        : indexShape(target, item.unique, keys as string[]);
    },
    ({ table, item }) => indexShape(table, item.unique, item.columns),
  );
}

function matchForeignKeys(
  pairing: ModelPairing,
  from: PhysicalSchema,
  to: PhysicalSchema,
): NamedMatching<PhysicalForeignKey> {
  return matchNamed(
    located(from, (table) => table.foreignKeys),
    located(to, (table) => table.foreignKeys),
    ({ table, item }) => {
      const target = pairing.tables.get(table);
      const column = pairing.columns.get(table)?.get(item.column);
      const references = pairing.tables.get(item.references);
      return target && column && references
        ? keyShape(target, column, references, item.onDelete)
        : undefined;
    },
    ({ table, item }) => keyShape(table, item.column, item.references, item.onDelete),
  );
}

function located<T>(
  schema: PhysicalSchema,
  items: (table: PhysicalTable) => Readonly<Record<string, T>>,
): Located<T>[] {
  return Object.values(schema.tables).flatMap((table) =>
    Object.values(items(table)).map((item) => ({ table: table.name, item })),
  );
}

/** Identifiers cannot hold a NUL, so it separates the parts of a shape. */
function indexShape(table: string, unique: boolean, columns: readonly string[]): string {
  return `${table}\0${unique}\0${columns.join("\0")}`;
}

function keyShape(table: string, column: string, references: string, onDelete: string): string {
  return `${table}\0${column}\0${references}\0${onDelete}`;
}
