import type { Issue } from "../errors.ts";
import { contextPath } from "./operators/data-ops.ts";
import type { FieldRef } from "./operators/operator.ts";
import { OPERATORS } from "./operators/registry.ts";
import { resolvePath } from "./resolve-path.ts";
import { asOperation, pointerTo } from "./syntax.ts";
import type { ExprScope, JsonLogic } from "./types.ts";

/**
 * Every problem an expression has against the model: unknown operators (`unknown-operator`),
 * wrong argument counts (`bad-arity`), fields that do not exist, link paths included
 * (`unknown-field`), names that are not literals or units we do not know (`bad-argument`), and
 * objects that are not operations (`bad-expression`). Paths are JSON pointers inside `expr`.
 */
export function checkExpression(expr: JsonLogic, scope: ExprScope): Issue[] {
  const issues: Issue[] = [];
  const report = (code: string, message: string, path: string) =>
    issues.push({ code, message, path });
  const visit = (node: JsonLogic, pointer: string): void => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, pointerTo(pointer, i));
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const op = asOperation(node);
    if (!op) {
      report(
        "bad-expression",
        `an operation is an object with exactly one operator key; this one has ${Object.keys(node).length}`,
        pointer,
      );
      return;
    }
    const def = OPERATORS.get(op.name);
    if (!def) report("unknown-operator", `unknown operator "${op.name}"`, pointer);
    else {
      const { min, max } = def.arity;
      if (op.args.length < min || (max !== undefined && op.args.length > max))
        report(
          "bad-arity",
          `"${op.name}" takes ${arityText(min, max)}, not ${op.args.length}`,
          pointer,
        );
      for (const ref of def.fieldRefs?.(op.args) ?? []) {
        const problem = refProblem(ref, scope);
        const [first, ...rest] = ref.at;
        const at = rest.reduce<string>(pointerTo, op.argPointer(pointer, first!));
        if (problem) report(problem.code, problem.message, at);
      }
      for (const problem of def.checkArgs?.(op.args) ?? [])
        report("bad-argument", problem.message, op.argPointer(pointer, problem.at));
    }
    for (const [i, arg] of op.args.entries()) visit(arg, op.argPointer(pointer, i));
  };
  visit(expr, "");
  return issues;
}

function refProblem(
  ref: FieldRef,
  { model, entity, variables = [] }: ExprScope,
): { code: string; message: string } | undefined {
  if (typeof ref.name !== "string")
    return { code: "bad-argument", message: "a field name must be written as a literal string" };
  const name = ref.name;
  const context = ref.role === "path" ? contextPath(name) : undefined;
  if (context?.source === "user") return undefined;
  if (context?.source === "param") return parameterProblem(context.below, model);
  if (ref.role === "path" && variables.some((v) => name === v || name.startsWith(`${v}.`)))
    return undefined;
  let from = entity;
  if (ref.role === "line") {
    if (typeof ref.table !== "string") return undefined;
    const table = resolvePath(model, entity, ref.table);
    const field = table.ok ? table.steps.at(-1)!.field : undefined;
    // the table argument reports its own problem
    if (field?.type !== "table" || field.target === undefined) return undefined;
    from = field.target;
  }
  const resolved = resolvePath(model, from, name);
  if (!resolved.ok) return { code: "unknown-field", message: resolved.message };
  if (
    ref.role === "table" &&
    (resolved.steps.length > 1 || resolved.steps[0]!.field.type !== "table")
  )
    return { code: "unknown-field", message: `"${name}" is not a table field of "${entity}"` };
  return undefined;
}

function parameterProblem(
  name: string,
  model: ExprScope["model"],
): { code: string; message: string } | undefined {
  const declared = model.parameters ?? {};
  if (Object.hasOwn(declared, name)) return undefined;
  const known = Object.keys(declared);
  return {
    code: "unknown-parameter",
    message: `"$param.${name}" is not a parameter of any package (${known.length === 0 ? 'none is declared: add it to a manifest\'s "parameters"' : `declared: ${known.join(", ")}`})`,
  };
}

function arityText(min: number, max: number | undefined): string {
  if (max === undefined) return `at least ${min} argument${min === 1 ? "" : "s"}`;
  if (min === max) return `${min} argument${min === 1 ? "" : "s"}`;
  return `${min} to ${max} arguments`;
}
