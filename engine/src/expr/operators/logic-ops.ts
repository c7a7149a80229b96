import { attempt } from "../sql/attempt.ts";
import { FALSE, join, sql } from "../sql/fragment.ts";
import {
  constant,
  type Operand,
  type SqlOperand,
  type SqlType,
  sqlOperand,
  sqlTypeOfValues,
  unify,
} from "../sql/operand.ts";
import { argAt } from "../syntax.ts";
import { isTruthy } from "../values.ts";
import type { ArgCompiler, OperatorDef } from "./operator.ts";

/**
 * json-logic's and/or return the operand that decided (the first falsy / truthy one, else the
 * last), not a boolean: `{"or": [{"var": "nickname"}, {"var": "name"}]}` is a fallback.
 */
function junction(name: "and" | "or"): OperatorDef {
  const decides = (value: unknown): boolean =>
    name === "and" ? !isTruthy(value) : isTruthy(value);
  const separator = name === "and" ? " AND " : " OR ";
  return {
    name,
    arity: { min: 1 },
    result: "any",
    evaluate(args, env) {
      let value: unknown = null;
      for (const arg of args) {
        value = env.evaluate(arg);
        if (decides(value)) return value;
      }
      return value;
    },
    compile(args, c, want) {
      if (want !== "value") {
        const parts = args.map((_, i) => c.condition(i, want));
        return sqlOperand(
          sql`(${join(parts, separator)})`,
          "boolean",
          parts.some((part) => part.nullable),
        );
      }
      const operands = args.map((_, i) => c.value(i, "boolean"));
      if (operands.every((operand) => operand.kind === "const")) return c.fold();
      const parts = booleans(c, operands);
      const nullable = parts.some((part) => part.nullable);
      if (parts.length === 1 || !nullable)
        return sqlOperand(sql`(${join(parts, separator)})`, "boolean", nullable);
      // a NULL operand may be the one that decides: CASE returns it as JS does
      const whens = parts
        .slice(0, -1)
        .map((part) =>
          name === "and"
            ? sql`WHEN NOT COALESCE(${part}, false) THEN ${part}`
            : sql`WHEN COALESCE(${part}, false) THEN ${part}`,
        );
      return sqlOperand(sql`CASE ${join(whens, " ")} ELSE ${parts.at(-1)!} END`, "boolean", true);
    },
  };
}

function booleans(c: ArgCompiler, operands: readonly Operand[]): SqlOperand[] {
  const parts = unify(operands, "boolean");
  if (!parts || parts[0]!.type !== "boolean")
    return c.fail("not-boolean", "as a value, and/or take only true/false operands in a filter");
  return parts;
}

const notOp: OperatorDef = {
  name: "!",
  arity: { min: 1, max: 1 },
  result: "boolean",
  evaluate: (args, env) => !isTruthy(env.evaluate(argAt(args, 0))),
  compile: (_args, c) => sqlOperand(sql`(NOT ${c.condition(0, "boolean")})`, "boolean", false),
};

const truthOp: OperatorDef = {
  name: "!!",
  arity: { min: 1, max: 1 },
  result: "boolean",
  evaluate: (args, env) => isTruthy(env.evaluate(argAt(args, 0))),
  compile: (_args, c, want) => c.condition(0, want === "value" ? "boolean" : want),
};

/** `if [c1, v1, c2, v2, ..., else]`; without an else, null. */
function conditional(name: string): OperatorDef {
  return {
    name,
    arity: { min: 1 },
    result: "any",
    evaluate(args, env) {
      for (let i = 0; i + 1 < args.length; i += 2) {
        if (isTruthy(env.evaluate(args[i]!))) return env.evaluate(args[i + 1]!);
      }
      return args.length % 2 === 1 ? env.evaluate(args[args.length - 1]!) : null;
    },
    compile(args, c, want, hint) {
      const hasElse = args.length % 2 === 1;
      const conditionAt = args.flatMap((_, i) => (i % 2 === 0 && i < args.length - 1 ? [i] : []));
      const branchAt = [...conditionAt.map((i) => i + 1), ...(hasElse ? [args.length - 1] : [])];
      const conditions = conditionAt.map((i) => c.condition(i, "condition"));
      let branches: SqlOperand[];
      if (want === "value") {
        const values = (type?: SqlType) => [
          ...branchAt.map((i) => c.value(i, type)),
          ...(hasElse ? [] : [constant(null)]),
        ];
        const guessed = values(hint);
        const first = guessed[0]!;
        if (
          guessed.every(
            (value) =>
              value.kind === "const" && first.kind === "const" && value.value === first.value,
          )
        )
          return first;
        // a branch that guessed its type from values alone (a nested if) may take a sibling's
        const constants = guessed.flatMap((value) => (value.kind === "const" ? [value.value] : []));
        const types = [
          ...guessed.flatMap((value) => (value.kind === "sql" ? [value.type] : [])),
          sqlTypeOfValues(constants),
        ].filter((type): type is SqlType => type !== undefined && type !== hint);
        branches =
          unify(guessed, hint) ??
          firstDefined([...new Set(types)], (type) => attempt(() => unify(values(type), type))) ??
          c.fail("type-mismatch", "the branches of if give values of different kinds");
      } else {
        branches = [
          ...branchAt.map((i) => c.condition(i, want)),
          ...(hasElse ? [] : [sqlOperand(FALSE, "boolean", false)]),
        ];
      }
      if (conditions.length === 0) return branches[0]!;
      const whens = conditions.map((condition, k) => sql`WHEN ${condition} THEN ${branches[k]!}`);
      const nullable = branches.some((branch) => branch.nullable);
      return sqlOperand(
        sql`CASE ${join(whens, " ")} ELSE ${branches.at(-1)!} END`,
        branches[0]!.type,
        nullable,
      );
    },
  };
}

function firstDefined<T, R>(items: readonly T[], map: (item: T) => R | undefined): R | undefined {
  for (const item of items) {
    const result = map(item);
    if (result !== undefined) return result;
  }
  return undefined;
}

export const LOGIC_OPERATORS: readonly OperatorDef[] = [
  junction("and"),
  junction("or"),
  notOp,
  truthOp,
  conditional("if"),
  conditional("?:"),
];
