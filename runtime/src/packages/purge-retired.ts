import { DATA_SCHEMA, LoomError, quoteIdent, SYSTEM_SCHEMA } from "@loom/engine";
import type { Knex } from "knex";
import type { Database } from "../db/database.ts";
import { APPLY_LOCK_KEY } from "../store/apply-packages.ts";
import { listRetiredColumns, type RetiredColumnInfo } from "./retired-columns.ts";

export interface PurgeOptions {
  /** only the retired columns of these tables; default: all */
  tables?: readonly string[];
  /** count and list, drop nothing */
  dryRun?: boolean;
  /** who purges, logged with what was dropped */
  actor: string;
  logger?: { info(details: object, message: string): void };
}

export interface PurgedColumn extends RetiredColumnInfo {
  /** rows holding a value in it (NULLs left aside): what purging destroys */
  rowsWithValues: number;
}

/**
 * Destroys retired columns and their values for good: after this, no rollback brings them back.
 * ONE transaction holding the apply lock, so no import plans a restore of a column being dropped
 * (an import planned earlier is refused under the lock, see checkRestoresStillRetired). Returns
 * the columns dropped (or, with `dryRun`, that would be), with how many rows held a value.
 * Refuses (`unknown-table`, nothing changed) a table name that is no table of the app.
 */
export async function purgeRetiredColumns(
  db: Database,
  options: PurgeOptions,
): Promise<PurgedColumn[]> {
  return db.transaction(async (tx) => {
    await tx.raw("SELECT pg_advisory_xact_lock(?)", [APPLY_LOCK_KEY]);
    if (options.tables) await refuseUnknownTables(tx, options.tables);
    const wanted = options.tables ? new Set(options.tables) : undefined;
    const columns = (await listRetiredColumns(tx)).filter(
      (column) => !wanted || wanted.has(column.table),
    );
    const purged = await withValueCounts(tx, columns);
    if (options.dryRun || purged.length === 0) return purged;

    for (const [table, inTable] of byTable(purged)) {
      // IF EXISTS: a row whose column is gone (dropped by hand) is cleaned up all the same
      const drops = inTable.map(
        (column) => `DROP COLUMN IF EXISTS ${quoteIdent(column.retiredAs)}`,
      );
      await tx.raw(`ALTER TABLE ${qualified(table)} ${drops.join(", ")}`);
    }
    await tx.raw(
      `DELETE FROM "${SYSTEM_SCHEMA}"."retired_columns" r
       USING unnest(?::text[], ?::text[]) AS d("table_name", "retired_as")
       WHERE r."table_name" = d."table_name" AND r."retired_as" = d."retired_as"`,
      [purged.map((column) => column.table), purged.map((column) => column.retiredAs)],
    );
    for (const column of purged) {
      options.logger?.info(
        {
          actor: options.actor,
          table: column.table,
          column: column.column,
          retiredAs: column.retiredAs,
          revisionId: column.revisionId,
          rowsWithValues: column.rowsWithValues,
        },
        "purged a retired column",
      );
    }
    return purged;
  });
}

async function refuseUnknownTables(tx: Knex, tables: readonly string[]): Promise<void> {
  const found: Array<{ name: string }> = (
    await tx.raw(
      `SELECT t."name" FROM unnest(?::text[]) AS t("name")
       WHERE to_regclass(quote_ident(?) || '.' || quote_ident(t."name")) IS NOT NULL`,
      [[...tables], DATA_SCHEMA],
    )
  ).rows;
  const known = new Set(found.map((row) => row.name));
  const unknown = tables
    .map((table, index) => ({ table, index }))
    .filter(({ table }) => !known.has(table));
  if (unknown.length === 0) return;
  const holding = [...new Set((await listRetiredColumns(tx)).map((column) => column.table))];
  throw new LoomError(
    "unknown-table",
    `${unknown.map(({ table }) => table).join(", ")} ${unknown.length === 1 ? "is no table" : "are no tables"} of the app; ${
      holding.length === 0
        ? "no table holds retired columns"
        : `tables holding retired columns: ${holding.join(", ")}`
    }`,
    unknown.map(({ table, index }) => ({
      path: `/tables/${index}`,
      code: "unknown-table",
      message: `no table ${table} in the app schema`,
    })),
  );
}

/**
 * How many rows hold a value in each column: one scan per table (`count(column)` skips NULLs).
 * A column the table no longer has (dropped by hand) counts 0.
 */
async function withValueCounts(
  tx: Knex,
  columns: readonly RetiredColumnInfo[],
): Promise<PurgedColumn[]> {
  const existing: Array<{ table_name: string; retired_as: string }> = (
    await tx.raw(
      `SELECT c."table_name", c."retired_as"
       FROM unnest(?::text[], ?::text[]) AS c("table_name", "retired_as")
       JOIN pg_attribute a
         ON a.attrelid = to_regclass(quote_ident(?) || '.' || quote_ident(c."table_name"))
        AND a.attname = c."retired_as" AND NOT a.attisdropped`,
      [
        columns.map((column) => column.table),
        columns.map((column) => column.retiredAs),
        DATA_SCHEMA,
      ],
    )
  ).rows;
  const present = new Set(existing.map((row) => `${row.table_name}\0${row.retired_as}`));
  const counts = new Map<RetiredColumnInfo, number>();
  for (const [table, inTable] of byTable(columns)) {
    const counted = inTable.filter((column) => present.has(`${table}\0${column.retiredAs}`));
    if (counted.length === 0) continue;
    const list = counted.map((column, i) => `count(${quoteIdent(column.retiredAs)}) AS "c${i}"`);
    const [row] = (await tx.raw(`SELECT ${list.join(", ")} FROM ${qualified(table)}`)).rows;
    for (const [i, column] of counted.entries()) counts.set(column, Number(row[`c${i}`]));
  }
  return columns.map((column) => ({ ...column, rowsWithValues: counts.get(column) ?? 0 }));
}

function byTable<T extends { table: string }>(columns: readonly T[]): Map<string, T[]> {
  const tables = new Map<string, T[]>();
  for (const column of columns) {
    const list = tables.get(column.table) ?? [];
    list.push(column);
    tables.set(column.table, list);
  }
  return tables;
}

function qualified(table: string): string {
  return `${quoteIdent(DATA_SCHEMA)}.${quoteIdent(table)}`;
}
