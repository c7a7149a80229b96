import { type Fragment, join, sql } from "../sql/fragment.ts";
import {
  constant,
  isNullConstant,
  type Operand,
  type SqlOperand,
  sqlOperand,
  typedPair,
} from "../sql/operand.ts";
import { argAt } from "../syntax.ts";
import { compareValues, valuesEqual } from "../values.ts";
import type { ArgCompiler, OperatorDef } from "./operator.ts";

function equality(name: string, negate: boolean): OperatorDef {
  return {
    name,
    arity: { min: 2, max: 2 },
    result: "boolean",
    evaluate: (args, env) =>
      valuesEqual(env.evaluate(argAt(args, 0)), env.evaluate(argAt(args, 1))) !== negate,
    compile(_args, c, want) {
      const [a, b] = c.values([0, 1]) as [Operand, Operand];
      if (a.kind === "const" && b.kind === "const") return c.fold();
      if (isNullConstant(a) || isNullConstant(b)) {
        const side = (a.kind === "sql" ? a : b) as SqlOperand;
        return sqlOperand(
          negate ? sql`(${side} IS NOT NULL)` : sql`(${side} IS NULL)`,
          "boolean",
          false,
        );
      }
      const [x, y] = typedPair(a, b) ?? mismatch(c, a, b, "are never equal");
      if (negate) return sqlOperand(sql`(${x} IS DISTINCT FROM ${y})`, "boolean", false);
      // against a value, `=` is exact where NULL counts as false, and it can use an index
      if (want === "condition" && (a.kind === "const" || b.kind === "const"))
        return sqlOperand(sql`(${x} = ${y})`, "boolean", x.nullable || y.nullable);
      return sqlOperand(sql`(${x} IS NOT DISTINCT FROM ${y})`, "boolean", false);
    },
  };
}

const ORDERINGS = {
  "<": { holds: (order: number) => order < 0, sql: (a: Fragment, b: Fragment) => sql`${a} < ${b}` },
  "<=": {
    holds: (order: number) => order <= 0,
    sql: (a: Fragment, b: Fragment) => sql`${a} <= ${b}`,
  },
  ">": { holds: (order: number) => order > 0, sql: (a: Fragment, b: Fragment) => sql`${a} > ${b}` },
  ">=": {
    holds: (order: number) => order >= 0,
    sql: (a: Fragment, b: Fragment) => sql`${a} >= ${b}`,
  },
} as const;

/** `<`, `<=` also take three arguments: `a < b < c`. A null anywhere makes it false. */
function ordering(name: keyof typeof ORDERINGS, between: boolean): OperatorDef {
  const { holds, sql: compare } = ORDERINGS[name];
  const inOrder = (a: unknown, b: unknown): boolean => {
    const order = compareValues(a, b);
    return order !== undefined && holds(order);
  };
  return {
    name,
    arity: { min: 2, max: between ? 3 : 2 },
    result: "boolean",
    evaluate(args, env) {
      const values = args.map((arg) => env.evaluate(arg));
      return values.slice(1).every((value, i) => inOrder(values[i], value));
    },
    compile(args, c) {
      const operands = c.values(args.map((_, i) => i));
      if (operands.every((operand) => operand.kind === "const")) return c.fold();
      if (operands.some(isNullConstant)) return constant(false);
      const parts: Fragment[] = [];
      for (const [i, b] of operands.slice(1).entries()) {
        const a = operands[i]!;
        if (a.kind === "const" && b.kind === "const") {
          if (!inOrder(a.value, b.value)) return constant(false);
          continue;
        }
        const [x, y] = typedPair(a, b) ?? mismatch(c, a, b, "cannot be ordered");
        if (x.type === "boolean" || x.type === "id") mismatch(c, a, b, "cannot be ordered");
        // code point order, as the evaluator compares strings
        parts.push(compare(x.type === "text" ? sql`${x} COLLATE "C"` : x, y));
      }
      const nullable = operands.some((operand) => operand.kind === "sql" && operand.nullable);
      return sqlOperand(sql`(${join(parts, " AND ")})`, "boolean", nullable);
    },
  };
}

function mismatch(c: ArgCompiler, a: Operand, b: Operand, what: string): never {
  return c.fail("type-mismatch", `${describe(a)} and ${describe(b)} ${what}`);
}

export function describe(operand: Operand): string {
  return operand.kind === "sql"
    ? `a value of type ${operand.type}`
    : `the value ${JSON.stringify(operand.value)}`;
}

export const COMPARE_OPERATORS: readonly OperatorDef[] = [
  equality("==", false),
  equality("===", false),
  equality("!=", true),
  equality("!==", true),
  ordering("<", true),
  ordering("<=", true),
  ordering(">", false),
  ordering(">=", false),
];
