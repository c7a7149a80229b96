import { quoteIdent } from "../model/sql-name.ts";
import type {
  PhysicalColumn,
  PhysicalForeignKey,
  PhysicalIndex,
  PhysicalTable,
} from "./physical-types.ts";
import { qualified } from "./sql-text.ts";

/** DDL statements; identifiers come from validated metadata and are always quoted. */
export function columnDefinition(column: PhysicalColumn): string {
  const parts = [quoteIdent(column.name), column.type];
  if (column.notNull) parts.push("NOT NULL");
  if (column.default !== undefined) parts.push(`DEFAULT ${column.default}`);
  return parts.join(" ");
}

export function createTableSql(table: PhysicalTable): string {
  const lines = [
    ...Object.values(table.columns).map(columnDefinition),
    `PRIMARY KEY (${table.primaryKey.map(quoteIdent).join(", ")})`,
  ];
  return `CREATE TABLE ${qualified(table.name)} (\n  ${lines.join(",\n  ")}\n)`;
}

export function alterTableSql(table: string, action: string): string {
  return `ALTER TABLE ${qualified(table)} ${action}`;
}

export function alterColumnSql(table: string, column: string, action: string): string {
  return alterTableSql(table, `ALTER COLUMN ${quoteIdent(column)} ${action}`);
}

/** An index key: a column name, or an expression already in parentheses. */
export function indexKey(key: string): string {
  return key.startsWith("(") ? key : quoteIdent(key);
}

export function createIndexSql(table: string, index: PhysicalIndex): string {
  const unique = index.unique ? "UNIQUE " : "";
  const keys = index.columns.map(indexKey).join(", ");
  return `CREATE ${unique}INDEX ${quoteIdent(index.name)} ON ${qualified(table)} (${keys})`;
}

export function dropIndexSql(index: PhysicalIndex): string {
  return `DROP INDEX ${qualified(index.name)}`;
}

export function addForeignKeySql(table: string, key: PhysicalForeignKey): string {
  return alterTableSql(
    table,
    `ADD CONSTRAINT ${quoteIdent(key.name)} FOREIGN KEY (${quoteIdent(key.column)}) ` +
      `REFERENCES ${qualified(key.references)} ("id") ON DELETE ${key.onDelete.toUpperCase()}`,
  );
}
