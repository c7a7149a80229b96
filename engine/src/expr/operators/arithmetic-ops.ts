import { addExact, multiplyExact, remainderExact, roundExact, subtractExact } from "../decimal.ts";
import { type Fragment, join, sql } from "../sql/fragment.ts";
import {
  bindAs,
  boundParam,
  constant,
  family,
  isNullConstant,
  sqlOperand,
} from "../sql/operand.ts";
import { argAt } from "../syntax.ts";
import { toNumberOrNull } from "../values.ts";
import { describe } from "./compare-ops.ts";
import type { ArgProblem, OperatorDef } from "./operator.ts";

/**
 * Arithmetic on numbers only (a string is not read as one); any null or non-number operand
 * makes the result null, as does division by zero. + - * % are exact decimal arithmetic.
 */
function arithmetic(
  name: string,
  arity: OperatorDef["arity"],
  compute: (operands: readonly number[]) => number | null,
  toSql: (operands: readonly Fragment[]) => Fragment,
): OperatorDef {
  return {
    name,
    arity,
    result: "number",
    evaluate(args, env) {
      const operands = args.map((arg) => toNumberOrNull(env.evaluate(arg)));
      return operands.length > 0 && operands.every((n) => n !== null)
        ? compute(operands as number[])
        : null;
    },
    compile(args, c) {
      const operands = args.map((_, i) => c.value(i, "numeric"));
      if (operands.every((operand) => operand.kind === "const")) return c.fold();
      if (operands.some(isNullConstant)) return constant(null);
      const parts = operands.map((operand, i) => {
        if (operand.kind === "const") {
          const bound = bindAs(operand.value, "numeric");
          return bound ? boundParam(bound) : notNumber(describe(operand), i);
        }
        if (family(operand.type) !== "number") return notNumber(describe(operand), i);
        // numeric: no integer overflow, no integer division
        return operand.type === "integer" ? sql`${operand}::numeric` : operand;
      });
      const nullable =
        name === "/" || name === "%" || operands.some((o) => o.kind === "sql" && o.nullable);
      return sqlOperand(toSql(parts), "numeric", nullable);

      function notNumber(what: string, i: number): never {
        return c.fail("type-mismatch", `${name} works on numbers; argument ${i + 1} is ${what}`, i);
      }
    },
  };
}

const chain =
  (step: (a: number, b: number) => number | null) =>
  (operands: readonly number[]): number | null =>
    operands
      .slice(1)
      .reduce<number | null>((total, n) => (total === null ? null : step(total, n)), operands[0]!);

const add = arithmetic("+", { min: 1 }, chain(addExact), (parts) => sql`(${join(parts, " + ")})`);
const multiply = arithmetic(
  "*",
  { min: 1 },
  chain(multiplyExact),
  (parts) => sql`(${join(parts, " * ")})`,
);
const subtract = arithmetic(
  "-",
  { min: 1, max: 2 },
  // `+ 0`: negating 0 gives -0, which SQL has no notion of
  (operands) =>
    operands.length === 1 ? -operands[0]! + 0 : subtractExact(operands[0]!, operands[1]!),
  (parts) => (parts.length === 1 ? sql`(- ${parts[0]!})` : sql`(${parts[0]!} - ${parts[1]!})`),
);
/** Division is a JS double (≈16 digits); SQL's numeric division may differ in the last digits. */
const divide = arithmetic(
  "/",
  { min: 2, max: 2 },
  ([a, b]) => (b === 0 || !Number.isFinite(a! / b!) ? null : a! / b!),
  ([a, b]) => sql`(${a!} / NULLIF(${b!}, 0))`,
);
const remainder = arithmetic(
  "%",
  { min: 2, max: 2 },
  ([a, b]) => remainderExact(a!, b!),
  ([a, b]) => sql`(${a!} % NULLIF(${b!}, 0))`,
);

function extreme(name: "min" | "max"): OperatorDef {
  return {
    name,
    arity: { min: 1 },
    result: "number",
    evaluate(args, env) {
      const operands = args.map((arg) => toNumberOrNull(env.evaluate(arg)));
      if (operands.length === 0 || operands.some((n) => n === null)) return null;
      return name === "min"
        ? Math.min(...(operands as number[]))
        : Math.max(...(operands as number[]));
    },
  };
}

/** `round [x, digits]`: half away from zero on the decimal value (round(1.005, 2) = 1.01). */
const roundOp: OperatorDef = {
  name: "round",
  arity: { min: 1, max: 2 },
  result: "number",
  evaluate(args, env) {
    const value = toNumberOrNull(env.evaluate(argAt(args, 0)));
    const digits = args.length > 1 ? toNumberOrNull(env.evaluate(args[1]!)) : 0;
    return value === null || digits === null || !Number.isInteger(digits)
      ? null
      : roundExact(value, digits);
  },
  checkArgs(args): ArgProblem[] {
    const digits = args[1];
    const literal = digits === null || typeof digits !== "object";
    return args.length > 1 && literal && !Number.isInteger(digits)
      ? [{ at: 1, message: "round takes a whole number of digits" }]
      : [];
  },
};

export const ARITHMETIC_OPERATORS: readonly OperatorDef[] = [
  add,
  subtract,
  multiply,
  divide,
  remainder,
  extreme("min"),
  extreme("max"),
  roundOp,
];
