import { sqlName } from "../model/sql-name.ts";

/**
 * Names of the indexes and constraints the model implies (index names are unique per schema).
 * Prefixes differ from the compiler's `ix_<entity>_…` of declared indexes, so they cannot meet.
 */
export const physicalNames = {
  unique: (table: string, column: string): string => sqlName("uq", table, column),
  link: (table: string, column: string): string => sqlName("lk", table, column),
  foreignKey: (table: string, column: string): string => sqlName("fk", table, column),
  parent: (table: string): string => sqlName("pt", table, "parent_id"),
  lineOrder: (table: string): string => sqlName("pt", table, "parent_id_line_no"),
  singleRow: (table: string): string => sqlName("one_row", table),
  declared: (name: string): string => sqlName(name),
};
