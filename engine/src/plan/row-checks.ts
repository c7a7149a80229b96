import { quoteIdent, sqlName } from "../model/sql-name.ts";
import { indexKey } from "./ddl.ts";
import { qualified } from "./sql-text.ts";
import type { RowCheck } from "./types.ts";

/**
 * Row checks read the database as it is before the plan (old table and column names); `keepSql`
 * runs inside the plan just before its step, when table and column already carry their new names.
 */
function rowCheck(
  description: string,
  oldTable: string,
  where: string,
  value: string,
  keepSql?: readonly string[],
): RowCheck {
  const from = `FROM ${qualified(oldTable)} WHERE ${where}`;
  return {
    description,
    countSql: `SELECT count(*) AS n ${from}`,
    sampleSql: `SELECT "id", (${value})::text AS "value" ${from} ORDER BY "id" LIMIT 10`,
    ...(keepSql === undefined ? {} : { keepSql }),
  };
}

export interface ColumnAt {
  readonly table: string;
  readonly column: string;
}

/** Values that do not convert; choosing `keep` copies them to a hidden text column first. */
export function conversionCheck(
  before: ColumnAt,
  after: ColumnAt,
  using: (old: string) => string,
  label: string,
  target: string,
): RowCheck {
  const fails = (column: string): string =>
    `${quoteIdent(column)} IS NOT NULL AND (${using(quoteIdent(column))}) IS NULL`;
  const keep = quoteIdent(keepColumnName(after.column));
  const table = qualified(after.table);
  return rowCheck(
    `values of ${label} that do not convert to ${target}`,
    before.table,
    fails(before.column),
    quoteIdent(before.column),
    [
      `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${keep} text`,
      `UPDATE ${table} SET ${keep} = ${quoteIdent(after.column)}::text WHERE ${fails(after.column)}`,
    ],
  );
}

/**
 * Values of a retired link pointing at records deleted while it was retired (it had no foreign key
 * then): its key cannot come back over them. They are flagged like values that do not convert, so
 * the user may choose `null` (`orphanedLinksSql` clears them) or `keep` (copied aside first).
 * `before` is the retired column before the plan, `target` the old name of the table it points at;
 * keepSql runs when the table has its new name (`after.table`) and the column is still retired.
 */
export function orphanedLinksCheck(
  before: ColumnAt,
  target: string,
  after: ColumnAt & { readonly target: string; readonly restoredAs: string },
  label: string,
): RowCheck {
  const keep = quoteIdent(keepColumnName(after.restoredAs));
  const table = qualified(after.table);
  return rowCheck(
    `values of ${label} that point at records deleted while it was retired`,
    before.table,
    orphaned(before, target),
    quoteIdent(before.column),
    [
      `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${keep} text`,
      `UPDATE ${table} SET ${keep} = ${quoteIdent(after.column)}::text WHERE ${orphaned(after, after.target)}`,
    ],
  );
}

/** Clears the values orphanedLinksCheck flags, once the user chose what to do with them. */
export function orphanedLinksSql(at: ColumnAt, target: string): string {
  return `UPDATE ${qualified(at.table)} SET ${quoteIdent(at.column)} = NULL WHERE ${orphaned(at, target)}`;
}

/** The outer column is qualified: a tree's parent key points at its own table, same column name. */
function orphaned(at: ColumnAt, target: string): string {
  const value = `${qualified(at.table)}.${quoteIdent(at.column)}`;
  return (
    `${value} IS NOT NULL AND NOT EXISTS ` +
    `(SELECT 1 FROM ${qualified(target)} AS "target" WHERE "target"."id" = ${value})`
  );
}

/** `_keep_<column>`, shortened like any generated name. */
function keepColumnName(column: string): string {
  return sqlName("_keep", column);
}

/** Rows that would be empty once the column is NOT NULL; `valueAfter` is the value they will have. */
export function notNullCheck(before: ColumnAt, valueAfter: string, label: string): RowCheck {
  return rowCheck(
    `rows where ${label} is empty: fill the values or give the field a default before making it required`,
    before.table,
    `(${valueAfter}) IS NULL`,
    quoteIdent(before.column),
  );
}

/** Existing rows, which a new required column without a default cannot be added to. */
export function existingRowsCheck(oldTable: string, label: string): RowCheck {
  return rowCheck(
    `existing rows would have no value for the new required ${label}: give it a default`,
    oldTable,
    "true",
    "NULL",
  );
}

/** Rows whose key a new unique index would find twice. */
export function duplicateCheck(
  oldTable: string,
  oldKeys: readonly string[],
  description: string,
): RowCheck {
  const keys = oldKeys.map(indexKey).join(", ");
  const present = oldKeys.map((key) => `${indexKey(key)} IS NOT NULL`).join(" AND ");
  const duplicated =
    `(${keys}) IN (SELECT ${keys} FROM ${qualified(oldTable)} ` +
    `WHERE ${present} GROUP BY ${keys} HAVING count(*) > 1)`;
  const value = oldKeys.length === 1 ? keys : `ROW(${keys})`;
  return rowCheck(description, oldTable, duplicated, value);
}
