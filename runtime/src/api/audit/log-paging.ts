import { badParameter, type QueryParams, single } from "../query-params.ts";

/** Newest-first paging over an append-only log keyed by a bigserial id. */
export interface LogPage {
  readonly limit: number;
  /** only entries with a smaller id: the last id of the previous page */
  readonly before: string | undefined;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

/** `limit` and `before` from the query; any other parameter but `allowed` is refused. */
export function parseLogPage(query: QueryParams, allowed: readonly string[] = []): LogPage {
  for (const name of Object.keys(query)) {
    if (name !== "limit" && name !== "before" && !allowed.includes(name))
      throw badParameter(name, "unknown-parameter", `"${name}" is not a parameter here`);
  }
  const limitText = single(query, "limit");
  const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
  if (limitText !== undefined && !(/^\d{1,3}$/.test(limitText) && limit >= 1 && limit <= MAX_LIMIT))
    throw badParameter("limit", "bad-limit", `limit must be a whole number from 1 to ${MAX_LIMIT}`);
  const before = single(query, "before");
  if (before !== undefined && !isLogId(before))
    throw badParameter(
      "before",
      "bad-parameter",
      "before must be an entry id from a previous page",
    );
  return { limit, before };
}

/** A bigserial id as text: checked before binding, so PostgreSQL never raises on it. */
export function isLogId(text: string): boolean {
  return /^[1-9]\d{0,17}$/.test(text);
}
