import { addTime, diffTime, TIME_UNITS, type TimeUnit, today } from "../dates.ts";
import { argAt } from "../syntax.ts";
import type { JsonLogic } from "../types.ts";
import { normalize, toNumberOrNull } from "../values.ts";
import type { ArgProblem, EvalEnv, OperatorDef } from "./operator.ts";

/** `evaluate` pins the clock once per call, so today and now agree within one expression. */
const clock = (env: EvalEnv): Date => env.ctx.now ?? new Date();

const todayOp: OperatorDef = {
  name: "today",
  arity: { min: 0, max: 0 },
  result: "date",
  evaluate: (_args, env) => today(clock(env)),
  compile: "constant",
};

const nowOp: OperatorDef = {
  name: "now",
  arity: { min: 0, max: 0 },
  result: "date",
  evaluate: (_args, env) => clock(env).toISOString(),
  compile: "constant",
};

/** `date_add [date, n, unit]`: a date stays a date, a datetime a datetime; null when any part is not one. */
const dateAddOp: OperatorDef = {
  name: "date_add",
  arity: { min: 3, max: 3 },
  result: "date",
  evaluate(args, env) {
    const [date, n, unit] = args.map((arg) => normalize(env.evaluate(arg)));
    const count = toNumberOrNull(n);
    if (typeof date !== "string" || count === null || !isUnit(unit)) return null;
    return addTime(date, count, unit) ?? null;
  },
  checkArgs: (args) => unitProblems(args[2]),
};

/** `date_diff [a, b, unit]`: whole units from b to a (a − b), truncated toward zero. */
const dateDiffOp: OperatorDef = {
  name: "date_diff",
  arity: { min: 3, max: 3 },
  result: "number",
  evaluate(args, env) {
    const [a, b, unit] = [0, 1, 2].map((i) => normalize(env.evaluate(argAt(args, i))));
    if (typeof a !== "string" || typeof b !== "string" || !isUnit(unit)) return null;
    return diffTime(a, b, unit) ?? null;
  },
  checkArgs: (args) => unitProblems(args[2]),
};

function isUnit(value: unknown): value is TimeUnit {
  return TIME_UNITS.includes(value as TimeUnit);
}

/** A literal unit must be one we know; a computed one is checked when it is evaluated. */
function unitProblems(unit: JsonLogic | undefined): ArgProblem[] {
  const computed = typeof unit === "object" && unit !== null;
  return computed || isUnit(unit)
    ? []
    : [{ at: 2, message: `the unit must be one of ${TIME_UNITS.join(", ")}` }];
}

export const DATE_OPERATORS: readonly OperatorDef[] = [todayOp, nowOp, dateAddOp, dateDiffOp];
