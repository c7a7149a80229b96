import { formatIssue, LoomError } from "../../errors.ts";
import { checkExpression } from "../check.ts";
import { evaluate } from "../evaluate.ts";
import type { ArgCompiler, OperatorDef, Want } from "../operators/operator.ts";
import { OPERATORS, operatorNamed } from "../operators/registry.ts";
import { resolvePath } from "../resolve-path.ts";
import { argAt, asOperation, type Operation, pointerTo } from "../syntax.ts";
import type { EvalContext, JsonLogic, SqlTarget } from "../types.ts";
import { isTruthy, readPath } from "../values.ts";
import { type Fragment, ident, param, sql } from "./fragment.ts";
import {
  constant,
  type Operand,
  type SqlOperand,
  type SqlType,
  sqlOperand,
  sqlTypeOfField,
} from "./operand.ts";
import { typedTogether } from "./typed-together.ts";

/**
 * Compiles the filter subset of json-logic to a parameterized SQL condition on `target`'s table
 * (under `target.alias`): `?` placeholders, identifiers quoted, every value a param. The result
 * selects exactly the rows for which `isTruthy(evaluate(expr, row, ctx))` holds (README.md).
 * Throws LoomError: `invalid-expression` (with the checker's issues), `not-filterable`,
 * `type-mismatch` or `not-boolean` (with the path inside the expression).
 */
export function compileFilter(
  expr: JsonLogic,
  target: SqlTarget,
): { sql: string; params: unknown[] } {
  const issues = checkExpression(expr, target);
  if (issues.length > 0)
    throw new LoomError(
      "invalid-expression",
      `invalid filter: ${issues.map(formatIssue).join("; ")}`,
      issues,
    );
  const where = new FilterCompiler(target).condition(expr, "", "condition");
  return { sql: where.text, params: [...where.params] };
}

class FilterCompiler {
  private readonly ctx: EvalContext;
  private aliases = 0;

  constructor(private readonly target: SqlTarget) {
    // one clock reading for the whole filter, so today and now agree
    this.ctx = {
      ...(target.user && { user: target.user }),
      ...(target.params && { params: target.params }),
      now: target.now ?? new Date(),
    };
  }

  condition(node: JsonLogic, pointer: string, want: "condition" | "boolean"): SqlOperand {
    const result = this.compile(node, pointer, want);
    return result.kind === "const"
      ? sqlOperand(param(isTruthy(result.value), "boolean"), "boolean", false)
      : result;
  }

  compile(node: JsonLogic, pointer: string, want: Want, hint?: SqlType): Operand {
    // anything that does not read the record is evaluated here, by the evaluator itself
    if (this.isConstant(node)) return constant(evaluate(node, {}, this.ctx));
    const op = asOperation(node);
    if (!op)
      throw failure(
        "not-filterable",
        "a list that reads the record may only be what `in` looks in",
        pointer,
      );
    const def = operatorNamed(op.name);
    if (typeof def.compile !== "function")
      throw failure(
        "not-filterable",
        `"${op.name}" cannot run inside the database, so a filter cannot use it`,
        pointer,
      );
    const result = def.compile(op.args, this.argCompiler(node, op, pointer), want, hint);
    return this.finish(result, def, want, pointer);
  }

  /** Holds an operator's result to what the caller asked for (see `Want`). */
  private finish(result: Operand, def: OperatorDef, want: Want, pointer: string): Operand {
    if (result.kind === "const") return result;
    const needsFalse = want === "boolean" || (want === "value" && def.result === "boolean");
    if (want !== "value" && result.type !== "boolean")
      throw failure(
        "not-boolean",
        `a condition must be true or false; this "${def.name}" gives a value of type ${result.type}`,
        pointer,
      );
    return needsFalse && result.nullable
      ? sqlOperand(sql`COALESCE(${result}, false)`, "boolean", false)
      : result;
  }

  private isConstant(node: JsonLogic): boolean {
    if (Array.isArray(node)) return node.every((item) => this.isConstant(item));
    const op = asOperation(node);
    if (!op) return true;
    const def = OPERATORS.get(op.name);
    return (
      def?.compile !== undefined &&
      !def.readsRecord?.(op.args) &&
      op.args.every((arg) => this.isConstant(arg))
    );
  }

  private argCompiler(node: JsonLogic, op: Operation, pointer: string): ArgCompiler {
    const at = (i: number) => op.argPointer(pointer, i);
    const value = (i: number, hint?: SqlType) =>
      this.compile(argAt(op.args, i), at(i), "value", hint);
    return {
      value,
      values: (indices) =>
        typedTogether(
          indices.map((i) => value(i)),
          (k, hint) => value(indices[k]!, hint),
        ),
      condition: (i, want) => this.condition(argAt(op.args, i), at(i), want),
      elements: (i) => {
        const list = op.args[i];
        return Array.isArray(list)
          ? list.map(
              (item, k) => (hint?: SqlType) =>
                this.compile(item, pointerTo(at(i), k), "value", hint),
            )
          : undefined;
      },
      field: (path) => this.field(path, at(0)),
      context: (source, path) =>
        readPath((source === "user" ? this.target.user : this.target.params) ?? null, path),
      fold: () => constant(evaluate(node, {}, this.ctx)),
      fail: (code, message, i) => {
        throw failure(code, message, i === undefined ? pointer : at(i));
      },
    };
  }

  /** A field path: a column of the row, or through links a scalar subquery per step on the target's id. */
  private field(path: string, pointer: string): SqlOperand {
    const { model, entity, schema } = this.target;
    const resolved = resolvePath(model, entity, path);
    if (!resolved.ok) throw failure("unknown-field", resolved.message, pointer);
    const { alias: start, steps } = this.joined(path, resolved.steps);
    const [first, ...rest] = steps;
    const last = resolved.steps.at(-1)!.field;
    const type = sqlTypeOfField(last.type);
    if (type === undefined || last.column === undefined)
      throw failure(
        "not-filterable",
        `"${path}" is a ${last.type} field, which a filter cannot read`,
        pointer,
      );
    let reference: Fragment = sql`${ident(start)}.${ident(first!.field.column!)}`;
    for (const step of rest) {
      const t = ident(this.nextAlias());
      const table = sql`${ident(schema)}.${ident(step.entity.table)}`;
      reference = sql`(SELECT ${t}.${ident(step.field.column!)} FROM ${table} ${t} WHERE ${t}."id" = ${reference})`;
    }
    return sqlOperand(reference, type, true);
  }

  /** The longest link prefix of `path` already joined (`target.joins`), and the steps left after it. */
  private joined<T>(path: string, steps: readonly T[]): { alias: string; steps: readonly T[] } {
    const joins = this.target.joins;
    const segments = path.split(".");
    for (let k = segments.length - 1; joins && k >= 1; k--) {
      const alias = joins[segments.slice(0, k).join(".")];
      if (alias !== undefined) return { alias, steps: steps.slice(k) };
    }
    return { alias: this.target.alias, steps };
  }

  private nextAlias(): string {
    let name: string;
    do name = `t${++this.aliases}`;
    while (name === this.target.alias);
    return name;
  }
}

function failure(code: string, message: string, path: string): LoomError {
  return new LoomError(code, message, [{ code, message, path }]);
}
