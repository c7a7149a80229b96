import { addExact } from "../decimal.ts";
import { sql } from "../sql/fragment.ts";
import {
  constant,
  isNullConstant,
  type SqlOperand,
  sqlOperand,
  typedPair,
} from "../sql/operand.ts";
import { argAt } from "../syntax.ts";
import type { EvalContext, JsonLogic } from "../types.ts";
import { readPath, toNumberOrNull } from "../values.ts";
import type { FieldRef, OperatorDef } from "./operator.ts";

/** What an expression reads besides the record: the signed-in user, the environment's parameters. */
export type ContextSource = "user" | "param";

const CONTEXT_ROOTS: Readonly<Record<ContextSource, string>> = { user: "$user", param: "$param" };

/**
 * Where a `$user.x` or `$param.x` path reads from, and the part below its root ("" for the root
 * itself); undefined for a record path.
 */
export function contextPath(path: string): { source: ContextSource; below: string } | undefined {
  for (const source of ["user", "param"] as const) {
    const root = CONTEXT_ROOTS[source];
    if (path === root) return { source, below: "" };
    if (path.startsWith(`${root}.`)) return { source, below: path.slice(root.length + 1) };
  }
  return undefined;
}

function contextValue(ctx: EvalContext, source: ContextSource, below: string): unknown {
  return readPath((source === "user" ? ctx.user : ctx.params) ?? null, below);
}

const varOp: OperatorDef = {
  name: "var",
  arity: { min: 1, max: 2 },
  result: "any",
  evaluate(args, env) {
    const path = env.evaluate(argAt(args, 0));
    const key = path === null ? "" : String(path);
    const found = contextPath(key);
    const value =
      found === undefined
        ? readPath(env.data, key)
        : contextValue(env.ctx, found.source, found.below);
    return value === null && args.length > 1 ? env.evaluate(args[1]!) : value;
  },
  fieldRefs: (args) => [{ role: "path", at: [0], name: argAt(args, 0) }],
  readsRecord: (args) => {
    const path = args[0];
    return typeof path !== "string" || contextPath(path) === undefined;
  },
  compile(args, c) {
    const path = args[0];
    if (typeof path !== "string")
      return c.fail("not-filterable", "a filter reads fields by a literal path", 0);
    const context = contextPath(path);
    const found =
      context === undefined ? c.field(path) : constant(c.context(context.source, context.below));
    if (args.length < 2) return found;
    if (found.kind === "const") return isNullConstant(found) ? c.value(1) : found;
    const fallback = c.value(1, found.type);
    if (isNullConstant(fallback)) return found;
    const pair =
      typedPair(found, fallback) ??
      c.fail(
        "type-mismatch",
        `the default of "${path}" is not a value of its type (${found.type})`,
        1,
      );
    return withDefault(pair, fallback.kind === "sql" && fallback.nullable);
  },
};

function withDefault([value, fallback]: [SqlOperand, SqlOperand], nullable: boolean): SqlOperand {
  return sqlOperand(sql`COALESCE(${value}, ${fallback})`, value.type, nullable);
}

/** json-logic's `missing`: the names (arguments, or one list) whose value is null or "". */
const missingOp: OperatorDef = {
  name: "missing",
  arity: { min: 1 },
  result: "array",
  evaluate(args, env) {
    const values = args.map((arg) => env.evaluate(arg));
    const names = Array.isArray(values[0]) ? values[0] : values;
    return names.filter((name) => {
      const value = readPath(env.data, String(name));
      return value === null || value === "";
    });
  },
  fieldRefs(args) {
    const first = args[0];
    const listed = Array.isArray(first) && args.length === 1;
    const names: readonly JsonLogic[] = listed ? first : args;
    return names.map((name, i): FieldRef => ({ role: "path", at: listed ? [0, i] : [i], name }));
  },
};

/** `sum_lines [tableField, field]`: the exact sum over the lines; null and missing values are skipped. */
const sumLinesOp: OperatorDef = {
  name: "sum_lines",
  arity: { min: 2, max: 2 },
  result: "number",
  evaluate(args, env) {
    const lines = readPath(env.data, String(env.evaluate(argAt(args, 0))));
    const field = String(env.evaluate(argAt(args, 1)));
    let total: number | null = 0;
    for (const line of Array.isArray(lines) ? lines : []) {
      const value = toNumberOrNull(readPath(line, field));
      if (value !== null && total !== null) total = addExact(total, value);
    }
    return total;
  },
  fieldRefs: (args) => [
    { role: "table", at: [0], name: argAt(args, 0) },
    { role: "line", at: [1], name: argAt(args, 1), table: argAt(args, 0) },
  ],
};

export const DATA_OPERATORS: readonly OperatorDef[] = [varOp, missingOp, sumLinesOp];
