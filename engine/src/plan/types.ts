/** A migration plan: data in (two AppModels), data out (ordered steps of SQL). */
export interface MigrationPlan {
  readonly steps: readonly MigrationStep[];
  /** true when any step is data-losing: applying needs explicit consent */
  readonly dataLosing: boolean;
}

export type StepKind =
  | "create-table"
  | "rename-table"
  | "drop-table"
  | "add-column"
  | "rename-column"
  | "drop-column"
  | "alter-column-type"
  | "set-not-null"
  | "drop-not-null"
  | "set-default"
  | "drop-default"
  | "create-index"
  | "drop-index"
  | "rename-index"
  | "add-foreign-key"
  | "drop-foreign-key"
  | "rename-foreign-key";

export type StepSafety = "safe" | "data-losing";

export interface MigrationStep {
  readonly kind: StepKind;
  readonly entity: string;
  readonly field?: string;
  /** one readable line for `loom plan`, e.g. `add column sales_order.remark (text)` */
  readonly description: string;
  readonly safety: StepSafety;
  /** statements run in order inside the plan's single transaction (`?` never appears: DDL has no parameters) */
  readonly sql: readonly string[];
  /**
   * Rows the step cannot carry over (a type conversion, a new NOT NULL): the runtime counts and
   * samples them before anything runs and refuses unless the user chose what to do with them.
   */
  readonly check?: RowCheck;
}

/**
 * `countSql` and `sampleSql` read the database as it is before the plan runs (old table and column
 * names, old types), so they can be run for a preview without applying anything. `keepSql` runs
 * inside the plan, immediately before its step's `sql`.
 */
export interface RowCheck {
  /** what a failing row means, e.g. `values of sales_order.qty that are not integers` */
  readonly description: string;
  /** `SELECT count(*) AS n FROM …` */
  readonly countSql: string;
  /** `SELECT id, <col> AS value FROM … LIMIT 10` */
  readonly sampleSql: string;
  /** conversions only: statements that first copy the old column aside when the user chose `keep` */
  readonly keepSql?: readonly string[];
}
