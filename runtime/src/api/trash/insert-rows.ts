import { DATA_SCHEMA, quoteIdent } from "@loom/engine";
import type { Knex } from "knex";
import type { ColumnKind } from "../column-kind.ts";

/** A row to insert: column name → JSON value; a column left out takes its default. */
export type Row = ReadonlyMap<string, unknown>;

/** Rows of one table, in the order they must be inserted (owners before their lines). */
export interface RowBatch {
  readonly table: string;
  readonly kinds: ReadonlyMap<string, ColumnKind>;
  readonly rows: readonly Row[];
}

/** PostgreSQL binds at most 65,535 values per statement. */
const MAX_BINDINGS = 60_000;

/**
 * Inserts the rows with as few statements as the bind limit allows: one multi-row VALUES per
 * chunk, `DEFAULT` where a row has no value for a column.
 */
export async function insertRows(tx: Knex, batch: RowBatch): Promise<void> {
  if (batch.rows.length === 0) return;
  const columns = [...new Set(batch.rows.flatMap((row) => [...row.keys()]))];
  const perStatement = Math.max(1, Math.floor(MAX_BINDINGS / Math.max(1, columns.length)));
  const target = `${quoteIdent(DATA_SCHEMA)}.${quoteIdent(batch.table)} (${columns.map(quoteIdent).join(", ")})`;
  for (let start = 0; start < batch.rows.length; start += perStatement) {
    const bindings: unknown[] = [];
    const tuples = batch.rows.slice(start, start + perStatement).map((row) => {
      const items = columns.map((column) => {
        if (!row.has(column)) return "DEFAULT";
        bindings.push(toBinding(batch.kinds.get(column), row.get(column)));
        return "?";
      });
      return `(${items.join(", ")})`;
    });
    await tx.raw(
      `INSERT INTO ${target} VALUES ${tuples.join(", ")}`,
      bindings as Knex.RawBinding[],
    );
  }
}

/** jsonb goes as JSON text: the driver would send a JS array as a PostgreSQL array. */
function toBinding(kind: ColumnKind | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return kind === "jsonb" ? JSON.stringify(value) : value;
}
