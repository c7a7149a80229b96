import type { EntityAction } from "@loom/engine";
import type { Knex } from "knex";
import type { Reader } from "../access/reader.ts";
import { requestStatement, runStatement } from "../db/prepared-statement.ts";
import { type CursorValue, cursorSelect, decodeCursor, encodeCursor } from "./cursor.ts";
import { type ExpandTree, expandRecords, parseExpand } from "./expand.ts";
import { listFilter } from "./filters.ts";
import { keysetPredicate, type SqlPart } from "./keyset.ts";
import { badParameter, type QueryParams, single } from "./query-params.ts";
import type { ReadPlan } from "./read-plan.ts";
import { selectList, toRecord } from "./read-plan.ts";
import type { JsonRecord } from "./read-records.ts";
import { parseFields, type Selection } from "./selection.ts";
import { orderBy, parseSort, type Sort } from "./sort.ts";

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/** A list request, checked and compiled: running it needs no more metadata. */
export interface ListQuery {
  readonly plan: ReadPlan;
  /** the reader's row scope and the caller's filter, in one condition */
  readonly filter: SqlPart | undefined;
  readonly sort: Sort;
  readonly cursor: readonly CursorValue[] | null;
  readonly limit: number;
  readonly selection: Selection;
  readonly expand: ExpandTree;
  readonly count: boolean;
}

export interface ListPage {
  data: JsonRecord[];
  nextCursor: string | null;
  count?: number;
}

/**
 * Reads and checks every list parameter against what the reader may see; any problem is an
 * HttpError 400 naming the parameter (a hidden field reads as unknown), 403 when the reader may
 * not read the entity. The reader's row scope joins the filter: the scope of `action`, so an export
 * lists exactly the rows the role may export.
 */
export function parseListQuery(
  reader: Reader,
  plan: ReadPlan,
  query: QueryParams,
  action: EntityAction = "read",
): ListQuery {
  const { model, plans, user } = reader;
  const scope = reader.scope(plan.entity.name, action);
  const sort = parseSort(plan, single(query, "sort"));
  const cursorText = single(query, "cursor");
  const selection = parseFields(plan, single(query, "fields"));
  const filter = listFilter({ model, plan, user }, query);
  return {
    plan,
    filter: scope && filter ? bothOf(scope, filter) : (scope ?? filter),
    sort,
    cursor: cursorText === undefined ? null : decodeCursor(sort, cursorText),
    limit: parseLimit(single(query, "limit")),
    selection,
    expand: parseExpand(plans, plan, selection, single(query, "expand"), reader.readScopes),
    count: parseCount(single(query, "count")),
  };
}

function bothOf(a: SqlPart, b: SqlPart): SqlPart {
  return { sql: `(${a.sql}) AND (${b.sql})`, params: [...a.params, ...b.params] };
}

function parseLimit(text: string | undefined): number {
  if (text === undefined) return DEFAULT_LIMIT;
  const limit = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT))
    throw badParameter(
      "limit",
      "bad-limit",
      `limit must be a whole number from 1 to ${MAX_LIMIT}; page with the cursor for more rows`,
    );
  return limit;
}

function parseCount(text: string | undefined): boolean {
  if (text === undefined || text === "false") return false;
  if (text === "true") return true;
  throw badParameter("count", "bad-parameter", `count must be true or false`);
}

/**
 * Does the list need more than its one query (so they should see one snapshot)? Lines come in
 * the page's own statement.
 */
export function listNeedsSnapshot(list: ListQuery): boolean {
  return list.count || list.expand.size > 0;
}

/** One page: the rows, their lines and expansions, and the cursor after the last one. */
export async function runList(conn: Knex, list: ListQuery): Promise<ListPage> {
  const { plan, sort, selection } = list;
  const conditions: SqlPart[] = [];
  if (list.filter) conditions.push(list.filter);
  if (list.cursor) conditions.push(keysetPredicate(sort, list.cursor));
  const where = whereClause(conditions);
  const keys = sort.keys.map((key, i) => `${cursorSelect(key)} AS "__k${i}"`).join(", ");
  const text = `SELECT ${selectList(selection.columns, selection.lines)}, ${keys} FROM ${plan.from}${where.sql}
     ORDER BY ${orderBy(sort)} LIMIT ${list.limit + 1}`;
  const rows = await runStatement(conn, requestStatement(text, plan.shape), where.params);
  const page = rows.slice(0, list.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > list.limit && last
      ? encodeCursor(
          sort,
          sort.keys.map((_, i) => (last[`__k${i}`] ?? null) as CursorValue),
        )
      : null;
  const data = page.map((row) => toRecord(selection.columns, row, selection.lines));
  await expandRecords(conn, data, list.expand);
  const result: ListPage = { data, nextCursor };
  if (list.count) result.count = await countRows(conn, plan, list.filter);
  return result;
}

async function countRows(conn: Knex, plan: ReadPlan, filter: SqlPart | undefined): Promise<number> {
  const where = whereClause(filter ? [filter] : []);
  const text = `SELECT count(*) AS "n" FROM ${plan.from}${where.sql}`;
  const [row] = await runStatement(conn, requestStatement(text), where.params);
  return Number(row!.n);
}

function whereClause(conditions: readonly SqlPart[]): SqlPart {
  if (conditions.length === 0) return { sql: "", params: [] };
  return {
    sql: ` WHERE ${conditions.map((c) => `(${c.sql})`).join(" AND ")}`,
    params: conditions.flatMap((c) => c.params),
  };
}
