import { addTime, isDateString, today } from "../expr/dates.ts";
import type { RelativeDate, ReportParameter } from "./types.ts";

/** A problem with one parameter value: `path` is `/<name>`, as the API's details say. */
export interface ParameterProblem {
  readonly path: string;
  readonly message: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER = /^-?\d{1,15}$/;
const DECIMAL = /^-?\d{1,20}(\.\d{1,20})?$/;

/**
 * The effective values of a report's parameters: each given value checked and typed (query
 * strings arrive as text, a preview's JSON may carry numbers), absent ones from their default
 * (relative dates against `now`, in UTC like `today` in expressions), else null. Every problem
 * is reported: an unknown name, a value of the wrong type, a required one missing.
 */
export function resolveParameters(
  parameters: readonly ReportParameter[],
  given: Readonly<Record<string, unknown>>,
  now: Date,
): { values: Record<string, unknown>; problems: ParameterProblem[] } {
  const values: Record<string, unknown> = {};
  const problems: ParameterProblem[] = [];
  const known = new Set(parameters.map((p) => p.name));
  for (const name of Object.keys(given))
    if (!known.has(name))
      problems.push({
        path: `/${name}`,
        message: `the report has no parameter "${name}"${known.size > 0 ? ` (it takes ${[...known].map((k) => `"${k}"`).join(", ")})` : ""}`,
      });
  for (const parameter of parameters) {
    const raw = Object.hasOwn(given, parameter.name) ? given[parameter.name] : undefined;
    const present = raw !== undefined && raw !== null && raw !== "";
    let value: unknown = null;
    if (present) {
      const coerced = coerceParameter(parameter, raw);
      if ("problem" in coerced)
        problems.push({ path: `/${parameter.name}`, message: coerced.problem });
      else value = coerced.value;
    } else if (parameter.default !== undefined) value = defaultValue(parameter, now);
    // a value given but wrong was reported above; required speaks of a missing one
    if (value === null && !present && parameter.required)
      problems.push({
        path: `/${parameter.name}`,
        message: `"${parameter.name}" is required`,
      });
    values[parameter.name] = value;
  }
  return { values, problems };
}

/** One value as its parameter's type, or why it is not one. */
export function coerceParameter(
  parameter: ReportParameter,
  raw: unknown,
): { value: string | number } | { problem: string } {
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw : undefined;
  const fail = (what: string) => ({
    problem: `"${parameter.name}" must be ${what}, not ${JSON.stringify(raw)}`,
  });
  if (text === undefined) return fail(`a single ${parameter.type} value`);
  switch (parameter.type) {
    case "date":
      return isDateString(text) ? { value: text } : fail("a date written YYYY-MM-DD");
    case "integer":
      return INTEGER.test(text) ? { value: Number(text) } : fail("a whole number");
    case "decimal":
      return DECIMAL.test(text) ? { value: Number(text) } : fail("a number");
    case "select": {
      const values = (parameter.options ?? []).map((o) => o.value);
      return values.includes(text)
        ? { value: text }
        : fail(`one of ${values.map((v) => JSON.stringify(v)).join(", ")}`);
    }
    case "link":
      return UUID.test(text) ? { value: text.toLowerCase() } : fail("a record id (a uuid)");
    case "text":
      return text.length <= 1000 ? { value: text } : fail("a text of at most 1000 characters");
  }
}

/** A parameter's default: a relative date against `now`, else the constant (coerced like a value). */
export function defaultValue(parameter: ReportParameter, now: Date): string | number | null {
  const d = parameter.default;
  if (d === undefined) return null;
  if (typeof d === "object") return relativeDate(d.relative, now);
  const coerced = coerceParameter(parameter, d);
  return "value" in coerced ? coerced.value : null;
}

/** A date relative to `now`'s day in UTC. */
export function relativeDate(relative: RelativeDate, now: Date): string {
  const day = today(now);
  const [year, month] = [day.slice(0, 4), Number(day.slice(5, 7))];
  switch (relative) {
    case "today":
      return day;
    case "start-of-month":
      return `${day.slice(0, 7)}-01`;
    case "start-of-quarter":
      return `${year}-${String(month - ((month - 1) % 3)).padStart(2, "0")}-01`;
    case "start-of-year":
      return `${year}-01-01`;
    case "days-ago-30":
      return addTime(day, -30, "day")!;
    case "days-ago-365":
      return addTime(day, -365, "day")!;
  }
}
