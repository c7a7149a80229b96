import type { EvalEnv } from "./operators/operator.ts";
import { operatorNamed } from "./operators/registry.ts";
import { asOperation } from "./syntax.ts";
import type { EvalContext, JsonLogic } from "./types.ts";

/**
 * Evaluates json-logic against a record (`data`) and the caller (`ctx`), with the semantics of
 * README.md — the same ones the SQL compiler follows.
 */
export function evaluate(
  expr: JsonLogic,
  data: Readonly<Record<string, unknown>>,
  ctx: EvalContext = {},
): unknown {
  const env: EvalEnv = {
    data,
    ctx: { ...ctx, now: ctx.now ?? new Date() },
    evaluate: (node) => {
      if (Array.isArray(node)) return node.map(env.evaluate);
      const op = asOperation(node);
      return op ? operatorNamed(op.name).evaluate(op.args, env) : node;
    },
  };
  return env.evaluate(expr);
}
