import type { FieldType, JsonLogic, ParameterType } from "../metadata/types.ts";

export type { FieldType, JsonLogic };

/**
 * What an expression may read besides the record: the signed-in user (`$user.x`), the
 * environment's parameter values (`$param.x`, declared by packages) and the clock.
 */
export interface EvalContext {
  user?: Readonly<Record<string, unknown>>;
  params?: Readonly<Record<string, unknown>>;
  /** fixes `today` and `now` (tests, replays); the clock otherwise */
  now?: Date;
}

export interface ExprField {
  readonly name: string;
  readonly type: FieldType;
  /** link / table: the entity referred to */
  readonly target?: string;
  /** SQL column; absent for `table` fields */
  readonly column?: string;
}

export interface ExprEntity {
  readonly fields: readonly ExprField[];
  /** SQL table name inside the data schema */
  readonly table: string;
}

/** The minimal structural view of a model the checker and the compiler need; AppModel satisfies it. */
export interface ExprModel {
  readonly entities: Readonly<Record<string, ExprEntity>>;
  /** the parameters `$param.<name>` may read (none when absent) */
  readonly parameters?: Readonly<Record<string, { readonly type: ParameterType }>>;
}

/** Where an expression is evaluated: the entity whose record is the data. */
export interface ExprScope {
  readonly model: ExprModel;
  readonly entity: string;
  /**
   * Names besides `$user` whose paths the checker accepts without a field, e.g. `$requester` in
   * workflow expressions; the caller puts them into the evaluated data (`{ ...record, $requester }`).
   */
  readonly variables?: readonly string[];
}

/** Where a compiled filter runs: the entity's table under `alias`, with the caller bound as params. */
export interface SqlTarget extends ExprScope {
  readonly alias: string;
  readonly user?: Readonly<Record<string, unknown>>;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly now?: Date;
  /** the Postgres schema holding entity tables (link paths select from it) */
  readonly schema: string;
  /**
   * link paths already joined to the statement (`customer`, `parent.customer`) → the alias of the
   * joined table: a path through one reads that alias's column instead of a subquery per row
   * (reports join once for a million rows)
   */
  readonly joins?: Readonly<Record<string, string>>;
}
