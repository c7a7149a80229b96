import { type AppModel, compileFilter, DATA_SCHEMA, type JsonLogic, LoomError } from "@loom/engine";
import { HttpError } from "../server/http-error.ts";
import type { SqlPart } from "./keyset.ts";
import { badParameter, type QueryParams, single } from "./query-params.ts";
import { type ReadPlan, ROW_ALIAS } from "./read-plan.ts";
import { isDecimalText, isInt8Text, isIsoDate, isIsoDateTime, isUuid } from "./text-values.ts";

/** Query parameters of a list that are not field shortcuts. */
export const LIST_PARAMETERS = new Set([
  "where",
  "sort",
  "limit",
  "cursor",
  "fields",
  "expand",
  "count",
]);

export interface FilterContext {
  readonly model: AppModel;
  readonly plan: ReadPlan;
  readonly user?: Readonly<Record<string, unknown>>;
}

/**
 * The list's condition: `where` (json-logic as JSON) and every `field=value` shortcut, each compiled
 * by the engine's compileFilter (shortcuts as `==`), so there is one path to SQL. Undefined: no filter.
 */
export function listFilter(context: FilterContext, query: QueryParams): SqlPart | undefined {
  const parts: SqlPart[] = [];
  const where = single(query, "where");
  if (where !== undefined) parts.push(remembered(context, "where", where, () => parseWhere(where)));
  for (const name of Object.keys(query)) {
    if (LIST_PARAMETERS.has(name)) continue;
    const text = single(query, name)!;
    parts.push(
      remembered(context, name, text, () => ({
        "==": [{ var: name }, shortcutValue(context.plan, name, text)],
      })),
    );
  }
  if (parts.length === 0) return undefined;
  return {
    sql: parts.map((part) => `(${part.sql})`).join(" AND "),
    params: parts.flatMap((part) => part.params),
  };
}

/**
 * How many compiled conditions each entity keeps: a list view asks the same ones page after page,
 * and compiling one costs more than its query's own JS. Past the bound the memory starts afresh.
 */
const REMEMBERED_PER_ENTITY = 256;
const rememberedByPlan = new WeakMap<ReadPlan, Map<string, SqlPart>>();

/** A parameter's compiled condition, compiled on its first use by the user's attributes too. */
function remembered(
  context: FilterContext,
  param: string,
  text: string,
  expression: () => JsonLogic,
): SqlPart {
  let memory = rememberedByPlan.get(context.plan);
  if (!memory) {
    memory = new Map();
    rememberedByPlan.set(context.plan, memory);
  }
  const key = `${param}\0${text}\0${context.user ? JSON.stringify(context.user) : ""}`;
  let part = memory.get(key);
  if (!part) {
    part = compileWhere(context, expression(), param);
    if (memory.size >= REMEMBERED_PER_ENTITY) memory.clear();
    memory.set(key, part);
  }
  return part;
}

function parseWhere(text: string): JsonLogic {
  try {
    return JSON.parse(text) as JsonLogic;
  } catch (error) {
    throw badParameter("where", "bad-where", `"where" is not JSON: ${(error as Error).message}`);
  }
}

function compileWhere(context: FilterContext, expr: JsonLogic, param: string): SqlPart {
  try {
    return compileFilter(expr, {
      model: context.model,
      entity: context.plan.entity.name,
      alias: ROW_ALIAS,
      schema: DATA_SCHEMA,
      ...(context.user && { user: context.user }),
    });
  } catch (error) {
    if (!(error instanceof LoomError)) throw error;
    const details = error.issues.map((issue) => ({
      path: param === "where" ? `/query/where${issue.path ?? ""}` : `/query/${param}`,
      message: issue.message,
    }));
    throw new HttpError(
      400,
      param === "where" ? "bad-where" : "bad-parameter",
      error.message,
      details,
    );
  }
}

/** A shortcut's text as the value of its field's type; checked so the database never sees bad input. */
function shortcutValue(plan: ReadPlan, name: string, text: string): string | number | boolean {
  const column = plan.byKey.get(name);
  if (!column)
    throw badParameter(
      name,
      "unknown-parameter",
      `"${name}" is neither a list parameter (${[...LIST_PARAMETERS].join(", ")}) nor a field of ${plan.entity.name}`,
    );
  const fail = (what: string) =>
    badParameter(name, "bad-parameter", `"${name}" must be ${what}, not ${JSON.stringify(text)}`);
  switch (column.kind) {
    case "text":
      return text;
    case "bigint":
    case "integer": {
      if (!isInt8Text(text) || !Number.isSafeInteger(Number(text))) throw fail("an integer");
      return Number(text);
    }
    case "numeric":
      if (!isDecimalText(text)) throw fail("a number");
      return Number(text);
    case "boolean":
      if (text !== "true" && text !== "false") throw fail("true or false");
      return text === "true";
    case "date":
      if (!isIsoDate(text)) throw fail("a date (YYYY-MM-DD)");
      return text;
    case "timestamptz":
      if (!isIsoDateTime(text)) throw fail("an ISO datetime with a zone");
      return text;
    case "uuid":
      if (!isUuid(text)) throw fail("an id (uuid)");
      return text;
    default:
      throw badParameter(
        name,
        "bad-parameter",
        `"${name}" cannot be filtered by a shortcut; use where`,
      );
  }
}
