import type { PhysicalColumn } from "./physical-types.ts";

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
  | "retire-column"
  | "restore-column"
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
  /** retire-column: the column kept under a hidden name, as the runtime records it */
  readonly retire?: RetiredColumn;
  /** restore-column: the retired column renamed back */
  readonly restore?: RetiredColumnRef;
  /**
   * rename-table / drop-table of a table that holds retired columns: they move with it (`to`, the
   * new name) or are gone with it (`to: null`). `from` is the table's name before the plan.
   */
  readonly retiredTable?: { readonly from: string; readonly to: string | null };
}

/** How `planMigration` treats columns; without options it behaves as it always did. */
export interface PlanOptions {
  /**
   * A column no field continues is dropped (`drop`, the default: data-losing) or retired
   * (`retire`: renamed to a hidden name with its values, safe, until purged).
   */
  readonly dropColumns?: "drop" | "retire";
  /**
   * Columns retired earlier, oldest first, by the name their table has before the plan. A column
   * the new model adds takes one back (`restore-column`) when its table holds a retired column of
   * that name with the same type (and, for a link, the same target table); the latest one wins.
   */
  readonly retired?: readonly RetiredColumn[];
}

/** A column kept under a hidden name that no field can take, with its values. */
export interface RetiredColumn {
  /** the table holding it (in a step: its name once the plan ran) */
  readonly table: string;
  /** the column's name before it was retired */
  readonly column: string;
  /** its hidden name: `<column>~retired~<n>`, cut to fit PostgreSQL's 63 bytes */
  readonly retiredAs: string;
  /** the column as it was before it was retired */
  readonly definition: RetiredDefinition;
}

/** The physical column, plus the table a link pointed at (its values are ids of that table). */
export interface RetiredDefinition extends PhysicalColumn {
  readonly references?: string;
}

export interface RetiredColumnRef {
  /** the table, by its name once the plan ran */
  readonly table: string;
  readonly retiredAs: string;
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
