/**
 * Storage as PostgreSQL sees it: what `physicalSchema(model)` says the model needs, and what
 * introspecting a database reports. Keyed by name, so comparing two ignores their order.
 */
export interface PhysicalSchema {
  /** tables of DATA_SCHEMA by name */
  readonly tables: Readonly<Record<string, PhysicalTable>>;
}

export interface PhysicalTable {
  readonly name: string;
  readonly primaryKey: readonly string[];
  /** in creation order: system columns first */
  readonly columns: Readonly<Record<string, PhysicalColumn>>;
  readonly indexes: Readonly<Record<string, PhysicalIndex>>;
  readonly foreignKeys: Readonly<Record<string, PhysicalForeignKey>>;
}

export interface PhysicalColumn {
  readonly name: string;
  /** as `format_type` prints it: `bigint`, `numeric(18,2)`, `character varying(50)` … */
  readonly type: string;
  readonly notNull: boolean;
  /** the DEFAULT expression as `pg_get_expr` prints it */
  readonly default?: string;
}

export interface PhysicalIndex {
  readonly name: string;
  /** column names, or an expression in parentheses such as `(true)` */
  readonly columns: readonly string[];
  readonly unique: boolean;
}

export type OnDelete = "cascade" | "restrict" | "set null";

export interface PhysicalForeignKey {
  readonly name: string;
  readonly column: string;
  /** a table of DATA_SCHEMA; the key is its `id` */
  readonly references: string;
  readonly onDelete: OnDelete;
}
