import { HttpError } from "../server/http-error.ts";

/** `req.query` as express's simple parser gives it: a string, or an array when repeated. */
export type QueryParams = Readonly<Record<string, unknown>>;

/** The one value of a query parameter, or undefined; a repeated parameter is refused. */
export function single(query: QueryParams, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || typeof value === "string") return value;
  throw badParameter(name, "bad-parameter", `give "${name}" once, as one value`);
}

/** A comma-separated list; empty items are refused rather than skipped. */
export function commaList(text: string, name: string, code: string): string[] {
  const items = text.split(",").map((item) => item.trim());
  if (items.some((item) => item === ""))
    throw badParameter(name, code, `"${name}" is a comma-separated list without empty items`);
  return items;
}

export function badParameter(name: string, code: string, message: string): HttpError {
  return new HttpError(400, code, message, [{ path: `/query/${name}`, message }]);
}
