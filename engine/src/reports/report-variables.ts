import { joinPointer } from "../load/json-source.ts";
import type { JsonLogic } from "../metadata/types.ts";

/** The root of report parameters in expressions: `{ "var": "$report.from" }`. */
export const REPORT_ROOT = "$report";

export interface ParameterRef {
  readonly name: string;
  /** JSON pointer of the `var` node inside the expression */
  readonly pointer: string;
}

/** Every `$report.<name>` an expression reads, with where. */
export function reportRefs(expr: JsonLogic): ParameterRef[] {
  const refs: ParameterRef[] = [];
  walk(expr, "", (name, pointer) => {
    refs.push({ name, pointer });
    return undefined;
  });
  return refs;
}

/**
 * The expression with every `$report.<name>` replaced by its value as a literal (a `var`'s
 * default when the value is null), so the filter compiler binds it as one param like any
 * constant; a parameter without a value reads as null.
 */
export function withReportValues(
  expr: JsonLogic,
  values: Readonly<Record<string, unknown>>,
): JsonLogic {
  return walk(expr, "", (name, _pointer, fallback) => {
    const value = Object.hasOwn(values, name) ? values[name] : null;
    if ((value === null || value === undefined) && fallback !== undefined) return fallback;
    return (value ?? null) as JsonLogic;
  });
}

type Visit = (
  name: string,
  pointer: string,
  fallback: JsonLogic | undefined,
) => JsonLogic | undefined;

function walk(node: JsonLogic, pointer: string, visit: Visit): JsonLogic {
  if (Array.isArray(node)) return node.map((item, i) => walk(item, `${pointer}/${i}`, visit));
  if (node === null || typeof node !== "object") return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && keys[0] === "var") {
    const arg = node.var!;
    const path = Array.isArray(arg) ? arg[0] : arg;
    const fallback = Array.isArray(arg) && arg.length > 1 ? arg[1] : undefined;
    if (typeof path === "string" && path.startsWith(`${REPORT_ROOT}.`)) {
      const name = path.slice(REPORT_ROOT.length + 1);
      const replaced = visit(name, `${pointer}/var`, fallback);
      if (replaced !== undefined) return replaced;
    }
  }
  const out: { [op: string]: JsonLogic } = {};
  for (const key of keys) out[key] = walk(node[key]!, joinPointer(pointer, key), visit);
  return out;
}

/** Every record path (`customer.region`, not `$user.x`) an expression reads through `var`, with where. */
export function recordPaths(expr: JsonLogic): ParameterRef[] {
  const paths: ParameterRef[] = [];
  const visit = (node: JsonLogic, pointer: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, `${pointer}/${i}`);
      });
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      const at = joinPointer(pointer, key);
      if (key === "var") {
        const path = Array.isArray(value) ? value[0] : value;
        if (typeof path === "string" && path !== "" && !path.startsWith("$"))
          paths.push({ name: path, pointer: at });
      }
      visit(value, at);
    }
  };
  visit(expr, "");
  return paths;
}
