import { LoomError } from "../../errors.ts";
import { ARITHMETIC_OPERATORS } from "./arithmetic-ops.ts";
import { COMPARE_OPERATORS } from "./compare-ops.ts";
import { DATA_OPERATORS } from "./data-ops.ts";
import { DATE_OPERATORS } from "./date-ops.ts";
import { inOp } from "./in-op.ts";
import { LOGIC_OPERATORS } from "./logic-ops.ts";
import type { OperatorDef } from "./operator.ts";
import { TEXT_OPERATORS } from "./text-ops.ts";

/** Every operator of the language, by name: the one table the evaluator, checker and compiler read. */
export const OPERATORS: ReadonlyMap<string, OperatorDef> = new Map(
  [
    ...DATA_OPERATORS,
    ...COMPARE_OPERATORS,
    inOp,
    ...LOGIC_OPERATORS,
    ...ARITHMETIC_OPERATORS,
    ...TEXT_OPERATORS,
    ...DATE_OPERATORS,
  ].map((def) => [def.name, def]),
);

/** The operator, or a LoomError: expressions are checked at publish, so this is a caller's bug. */
export function operatorNamed(name: string): OperatorDef {
  const def = OPERATORS.get(name);
  if (!def) throw new LoomError("unknown-operator", `unknown json-logic operator "${name}"`);
  return def;
}
