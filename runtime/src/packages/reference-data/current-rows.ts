import {
  type AppModel,
  DATA_SCHEMA,
  dataLinks,
  type Entity,
  type Field,
  type OrderedDataFile,
  type PhysicalSchema,
  quoteIdent,
  rowKey,
} from "@loom/engine";
import type { Knex } from "knex";

/** A stored row a data file names by its key, its values in package form (see package-rows.ts). */
export interface CurrentRow {
  readonly id: string;
  readonly version: number;
  /** field → stored value, for the fields the file's rows give that exist now */
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * The stored rows whose keys the file names, by canonical key text, read from the tables as they
 * are now (`current`, the model whose tables the database holds): a table or column the import
 * creates does not exist yet, and is simply not read (its values then differ from the package's).
 * Links are read as the key of the row they point to. One statement.
 */
export async function currentRows(
  conn: Knex,
  file: OrderedDataFile,
  model: AppModel,
  current: AppModel | null,
  currentPhysical: PhysicalSchema | null,
  keys: ReadonlyMap<string, readonly string[]>,
): Promise<Map<string, CurrentRow>> {
  const entity = model.entities[file.def.entity]!;
  const stored = current && currentEntity(current, entity);
  const keyColumns = stored && columnsOf(stored, entity, file.def.key);
  if (!stored || !currentPhysical || !keyColumns) return new Map();
  const types = currentPhysical.tables[stored.table]!.columns;

  const links = new Map(dataLinks(entity).map((link) => [link.field, link.target]));
  const given = [...new Set(file.def.rows.flatMap((row) => Object.keys(row)))];
  const items: string[] = [];
  given.forEach((name, i) => {
    const target = links.get(name);
    const column = columnOf(stored, entity, name);
    if (column === undefined) return;
    items.push(
      `${target === undefined ? `t.${quoteIdent(column)}` : linkedKey(current, model, target, keys, column, i)} AS ${quoteIdent(name)}`,
    );
  });
  const table = `${quoteIdent(DATA_SCHEMA)}.${quoteIdent(stored.table)}`;
  const keyPairs = file.def.key.map((name, i) => ({ name, column: keyColumns[i]! }));
  const keySql = `(SELECT to_jsonb(k) FROM (SELECT ${keyPairs
    .map(({ name, column }) => `t.${quoteIdent(column)} AS ${quoteIdent(name)}`)
    .join(", ")}) k)`;
  const valuesSql = `(SELECT to_jsonb(v) FROM (SELECT ${items.join(", ")}) v)`;
  const tuple = (alias: string) =>
    `(${keyPairs.map(({ column }) => `${alias}.${quoteIdent(column)}`).join(", ")})`;
  const sent = file.def.rows.map((row) =>
    Object.fromEntries(keyPairs.map(({ name, column }) => [column, row[name]])),
  );
  const { rows } = await conn.raw(
    `SELECT t."id", t."version", ${keySql} AS "key", ${valuesSql} AS "values"
     FROM ${table} t
     WHERE ${tuple("t")} IN (SELECT ${keyPairs.map(({ column }) => `x.${quoteIdent(column)}`).join(", ")}
       FROM jsonb_to_recordset(?::jsonb) AS x(${keyPairs
         .map(({ column }) => `${quoteIdent(column)} ${types[column]!.type}`)
         .join(", ")}))`,
    [JSON.stringify(sent)],
  );
  const found = new Map<string, CurrentRow>();
  for (const row of rows as Array<{
    id: string;
    version: number | string;
    key: Record<string, unknown>;
    values: Record<string, unknown>;
  }>)
    found.set(rowKey(file.def.key, row.key), {
      id: row.id,
      version: Number(row.version),
      values: row.values,
    });
  return found;
}

/**
 * The key of the row a link column points to, as an object of the target's key fields (null when
 * the link is empty): a correlated subquery on the target's table as it is now.
 */
function linkedKey(
  current: AppModel,
  model: AppModel,
  target: string,
  keys: ReadonlyMap<string, readonly string[]>,
  column: string,
  i: number,
): string {
  const stored = currentEntity(current, model.entities[target]!);
  const key = keys.get(target)!;
  const columns = stored && columnsOf(stored, model.entities[target]!, key);
  if (!stored || !columns) return "NULL::jsonb";
  const alias = quoteIdent(`u${i}`);
  return `(SELECT to_jsonb(l) FROM (SELECT ${key
    .map((name, j) => `${alias}.${quoteIdent(columns[j]!)} AS ${quoteIdent(name)}`)
    .join(", ")} FROM ${quoteIdent(DATA_SCHEMA)}.${quoteIdent(stored.table)} ${alias}
    WHERE ${alias}."id" = t.${quoteIdent(column)}) l)`;
}

/** The entity as the current model has it: same name, or the name it was renamed from. */
function currentEntity(current: AppModel, entity: Entity): Entity | undefined {
  return (
    current.entities[entity.name] ??
    (entity.renamedFrom === undefined ? undefined : current.entities[entity.renamedFrom])
  );
}

/** The current columns of these fields, or undefined when one does not exist yet. */
function columnsOf(stored: Entity, entity: Entity, names: readonly string[]): string[] | undefined {
  const columns = names.map((name) => columnOf(stored, entity, name));
  return columns.every((column) => column !== undefined) ? (columns as string[]) : undefined;
}

/** A field's current column (under its old name when the import renames it), a tree's parent_id. */
function columnOf(stored: Entity, entity: Entity, name: string): string | undefined {
  if (name === "parent_id") return stored.type === "tree" ? "parent_id" : undefined;
  const field: Field | undefined = entity.fields.find((f) => f.name === name);
  const was =
    stored.fields.find((f) => f.name === name) ??
    (field?.renamedFrom === undefined
      ? undefined
      : stored.fields.find((f) => f.name === field.renamedFrom));
  return was?.column;
}
