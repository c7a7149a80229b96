import type { Operand, SqlOperand, SqlType } from "../sql/operand.ts";
import type { EvalContext, JsonLogic } from "../types.ts";
import type { ContextSource } from "./data-ops.ts";

/**
 * One operator, everything about it in one place: the checker reads `arity`, `fieldRefs` and
 * `checkArgs`, the evaluator `evaluate`, the SQL compiler `compile`. Adding an operator means
 * adding one of these to the registry, nothing else.
 */
export interface OperatorDef {
  readonly name: string;
  readonly arity: { readonly min: number; readonly max?: number };
  /** what it yields; "boolean" promises true or false, never null (the compiler relies on it) */
  readonly result: "boolean" | "number" | "text" | "date" | "array" | "any";
  evaluate(args: readonly JsonLogic[], env: EvalEnv): unknown;
  /** arguments that name fields instead of computing values (var, missing, sum_lines) */
  fieldRefs?(args: readonly JsonLogic[]): FieldRef[];
  /** problems with literal arguments the checker can see (an unknown unit, ...) */
  checkArgs?(args: readonly JsonLogic[]): ArgProblem[];
  /** whether the value depends on the record itself, not only on its arguments (var) */
  readsRecord?(args: readonly JsonLogic[]): boolean;
  /**
   * Membership of the filter subset. A function compiles to SQL; "constant" marks an operator
   * that never reads the record (today, now), which the compiler evaluates and binds as a param.
   */
  readonly compile?: CompileFn | "constant";
}

export interface EvalEnv {
  readonly data: unknown;
  readonly ctx: EvalContext;
  evaluate(node: JsonLogic): unknown;
}

/**
 * A field named by an argument, at argument position `at` (then index inside a literal list).
 * `path`: a field of the entity, maybe through links; `table`: a table field of the entity;
 * `line`: a field of the lines held by the table field named by `table`.
 */
export type FieldRef =
  | { readonly role: "path" | "table"; readonly at: readonly number[]; readonly name: JsonLogic }
  | {
      readonly role: "line";
      readonly at: readonly number[];
      readonly name: JsonLogic;
      readonly table: JsonLogic;
    };

export interface ArgProblem {
  readonly at: number;
  readonly message: string;
}

/**
 * How the caller will use a compiled operator: `value` — its JS value, NULL for null;
 * `boolean` — a condition that is never NULL (under NOT, in comparisons);
 * `condition` — a condition where NULL may stand for false (WHERE, AND/OR under it, CASE WHEN),
 * which lets `a = ?` and `a < ?` stay index-friendly.
 */
export type Want = "value" | "boolean" | "condition";

export type CompileFn = (
  args: readonly JsonLogic[],
  c: ArgCompiler,
  want: Want,
  hint?: SqlType,
) => Operand;

/** What an operator's `compile` may ask of the compiler about its own arguments. */
export interface ArgCompiler {
  /** argument `i` as a value; `hint` types values that have no type of their own (if branches) */
  value(i: number, hint?: SqlType): Operand;
  /** the arguments at `indices` as values, brought to one kind where they can be (`typedTogether`) */
  values(indices: readonly number[]): Operand[];
  /** argument `i` as a condition (see `Want`) */
  condition(i: number, want: "boolean" | "condition"): SqlOperand;
  /** a literal array argument: for each element, how to compile it as a value */
  elements(i: number): ((hint?: SqlType) => Operand)[] | undefined;
  /** the column (or link subquery) a record field path reads */
  field(path: string): SqlOperand;
  /** the value at a path below `$user` or `$param`, read from the caller or the environment */
  context(source: ContextSource, path: string): unknown;
  /** the whole operation evaluated in JS: for when every argument turned out constant */
  fold(): Operand;
  fail(code: string, message: string, argIndex?: number): never;
}
