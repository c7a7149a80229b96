import { toText } from "../values.ts";
import type { OperatorDef } from "./operator.ts";

/** `cat`: the operands as text, joined; null is the empty string. */
const catOp: OperatorDef = {
  name: "cat",
  arity: { min: 1 },
  result: "text",
  evaluate: (args, env) => args.map((arg) => toText(env.evaluate(arg))).join(""),
};

export const TEXT_OPERATORS: readonly OperatorDef[] = [catOp];
