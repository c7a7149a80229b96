import type { RequestHandler } from "express";
import { jsonBody } from "../server/body-parsing.ts";
import { type ErrorDetail, HttpError } from "../server/http-error.ts";

/**
 * JSON bodies for the auth routes, whose bodies carry passwords: a body that does not parse is
 * refused without the parser's message, which quotes the text around the error.
 */
export function secretBody(limit = "16kb"): RequestHandler {
  const parse = jsonBody(limit);
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if (error instanceof HttpError && error.code === "malformed-json")
        next(new HttpError(400, "malformed-json", "the request body is not valid JSON"));
      else next(error);
    });
}

interface Field {
  /** `object`: a JSON object whose values the caller checks itself (e.g. parameter values by name) */
  readonly type: "string" | "integer" | "boolean" | "string[]" | "object";
  readonly required?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** the only values a string may take */
  readonly values?: readonly string[];
}

/**
 * Checks a body against a small field list (auth bodies are flat): 400 `invalid-body` with every
 * problem, values never quoted. Unknown properties are refused like the data API does.
 */
export function checkAuthBody<T>(body: unknown, fields: Readonly<Record<string, Field>>): T {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new HttpError(400, "invalid-body", "the request body must be a JSON object", [
      { path: "", message: "must be an object" },
    ]);
  const record = body as Record<string, unknown>;
  const details: ErrorDetail[] = [];
  for (const key of Object.keys(record))
    if (!(key in fields)) details.push({ path: `/${key}`, message: "is not a known property" });
  for (const [key, field] of Object.entries(fields)) {
    const problem = fieldProblem(record[key], field);
    if (problem) details.push({ path: `/${key}`, message: problem });
  }
  if (details.length > 0)
    throw new HttpError(400, "invalid-body", "the request body has problems", details);
  return record as T;
}

function fieldProblem(value: unknown, field: Field): string | undefined {
  if (value === undefined) return field.required ? "is required" : undefined;
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = field;
  switch (field.type) {
    case "string":
      if (typeof value !== "string") return "must be a string";
      if (field.values && !field.values.includes(value))
        return `must be one of ${field.values.map((v) => `"${v}"`).join(", ")}`;
      if (value.length < min || value.length > max) return `must have ${min} to ${max} characters`;
      return undefined;
    case "integer":
      if (!Number.isSafeInteger(value)) return "must be an integer";
      if ((value as number) < min || (value as number) > max)
        return `must be from ${min} to ${max}`;
      return undefined;
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be true or false";
    case "string[]":
      if (!Array.isArray(value) || !value.every((item) => typeof item === "string"))
        return "must be an array of strings";
      return undefined;
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value)
        ? undefined
        : "must be an object";
  }
}
