import { DATA_SCHEMA } from "../../src/model/app-model.ts";
import type {
  OnDelete,
  PhysicalColumn,
  PhysicalForeignKey,
  PhysicalIndex,
  PhysicalSchema,
  PhysicalTable,
} from "../../src/plan/physical-types.ts";

/** Runs one statement with bound parameters and returns its rows (PGlite, pg, knex.raw …). */
export type Query = (
  sql: string,
  params?: readonly unknown[],
) => Promise<Record<string, unknown>[]>;

/**
 * Reads the storage of a schema back from the catalogs, in the shape of `physicalSchema(model)`,
 * so a test can compare what PostgreSQL has with what the model says. Hidden `_keep_` columns
 * left by conversions are reported like any other column.
 */
export async function introspect(query: Query, schema = DATA_SCHEMA): Promise<PhysicalSchema> {
  const tables = new Map<string, MutableTable>();
  const tableOf = (name: unknown): MutableTable => {
    const key = String(name);
    let table = tables.get(key);
    if (!table) {
      table = { name: key, primaryKey: [], columns: {}, indexes: {}, foreignKeys: {} };
      tables.set(key, table);
    }
    return table;
  };
  for (const row of await query(COLUMNS_SQL, [schema])) {
    const column: PhysicalColumn = {
      name: String(row.name),
      type: String(row.type),
      notNull: row.not_null === true,
      ...(row.default === null ? {} : { default: String(row.default) }),
    };
    tableOf(row.table).columns[column.name] = column;
  }
  for (const row of await query(PRIMARY_KEYS_SQL, [schema])) {
    tableOf(row.table).primaryKey.push(String(row.column));
  }
  for (const row of await query(INDEX_KEYS_SQL, [schema])) {
    const table = tableOf(row.table);
    const name = String(row.name);
    const index = table.indexes[name] ?? { name, columns: [], unique: row.unique === true };
    index.columns.push(row.attnum === 0 ? expressionKey(String(row.key_text)) : String(row.column));
    table.indexes[name] = index;
  }
  for (const row of await query(FOREIGN_KEYS_SQL, [schema])) {
    const key: PhysicalForeignKey = {
      name: String(row.name),
      column: String(row.column),
      references: String(row.references),
      onDelete: onDelete(String(row.on_delete)),
    };
    tableOf(row.table).foreignKeys[key.name] = key;
  }
  return { tables: Object.fromEntries(tables) };
}

interface MutableTable extends PhysicalTable {
  readonly primaryKey: string[];
  readonly columns: Record<string, PhysicalColumn>;
  readonly indexes: Record<string, PhysicalIndex & { columns: string[] }>;
  readonly foreignKeys: Record<string, PhysicalForeignKey>;
}

/** The model writes expression keys in parentheses, e.g. `(true)`; PostgreSQL omits them on calls. */
function expressionKey(text: string): string {
  return text.startsWith("(") ? text : `(${text})`;
}

function onDelete(code: string): OnDelete {
  const actions: Record<string, OnDelete> = { c: "cascade", r: "restrict", n: "set null" };
  const action = actions[code];
  if (!action) throw new Error(`foreign key action ${code} is not one Loom creates`);
  return action;
}

/** Relations are ordinary or partitioned tables of the schema given as $1. */
const COLUMNS_SQL = `
  SELECT t.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
         a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default
  FROM pg_class t
  JOIN pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE n.nspname = $1 AND t.relkind IN ('r', 'p')
  ORDER BY t.relname, a.attnum`;

const PRIMARY_KEYS_SQL = `
  SELECT t.relname AS table, a.attname AS column
  FROM pg_class t
  JOIN pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_constraint k ON k.conrelid = t.oid AND k.contype = 'p'
  CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, position)
  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = u.attnum
  WHERE n.nspname = $1 AND t.relkind IN ('r', 'p')
  ORDER BY t.relname, u.position`;

const INDEX_KEYS_SQL = `
  SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique, u.attnum::int AS attnum,
         a.attname AS column, pg_get_indexdef(x.indexrelid, u.position::int, true) AS key_text
  FROM pg_class t
  JOIN pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_index x ON x.indrelid = t.oid AND NOT x.indisprimary
  JOIN pg_class i ON i.oid = x.indexrelid
  CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS u(attnum, position)
  LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = u.attnum
  WHERE n.nspname = $1 AND t.relkind IN ('r', 'p') AND u.position <= x.indnkeyatts
  ORDER BY t.relname, i.relname, u.position`;

const FOREIGN_KEYS_SQL = `
  SELECT t.relname AS table, k.conname AS name, a.attname AS column, r.relname AS references,
         k.confdeltype AS on_delete
  FROM pg_class t
  JOIN pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_constraint k ON k.conrelid = t.oid AND k.contype = 'f'
  JOIN pg_class r ON r.oid = k.confrelid
  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.conkey[1]
  WHERE n.nspname = $1 AND t.relkind IN ('r', 'p')
  ORDER BY t.relname, k.conname`;
