import { contextPath } from "./operators/data-ops.ts";
import { OPERATORS } from "./operators/registry.ts";
import { asOperation } from "./syntax.ts";
import type { JsonLogic } from "./types.ts";

/**
 * The record's own fields an expression reads (first segment of each path, no `$user`), in order
 * of first use: what a computed field depends on, for cycle detection.
 */
export function fieldsReferenced(expr: JsonLogic): string[] {
  const names = new Set<string>();
  const visit = (node: JsonLogic): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const op = asOperation(node);
    if (!op) return;
    for (const ref of OPERATORS.get(op.name)?.fieldRefs?.(op.args) ?? []) {
      if (
        ref.role !== "line" &&
        typeof ref.name === "string" &&
        contextPath(ref.name) === undefined
      )
        names.add(ref.name.split(".")[0]!);
    }
    op.args.forEach(visit);
  };
  visit(expr);
  return [...names];
}
