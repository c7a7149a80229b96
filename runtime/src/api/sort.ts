import { isSortable } from "./column-kind.ts";
import { badParameter, commaList } from "./query-params.ts";
import type { ColumnRead, ReadPlan } from "./read-plan.ts";

export interface SortKey {
  readonly column: ColumnRead;
  readonly descending: boolean;
  /** the expression rows are ordered and compared by */
  readonly expression: string;
}

/** The sort of a list: the keys (ending with `id`) and their canonical spelling, which a cursor repeats. */
export interface Sort {
  readonly keys: readonly SortKey[];
  readonly spec: string;
}

/**
 * `sort=-order_date,customer`: fields of scalar types, `-` for descending, `id` appended as the
 * tiebreaker. Ascending puts NULLs last, descending first (PostgreSQL's default). Text sorts by
 * code point (`COLLATE "C"`), as filters compare it, so the order is the same on every database.
 */
export function parseSort(plan: ReadPlan, text: string | undefined): Sort {
  const names = text === undefined ? [] : commaList(text, "sort", "bad-sort");
  const keys: SortKey[] = [];
  for (const name of names) {
    const descending = name.startsWith("-");
    const key = descending ? name.slice(1) : name;
    const column = plan.byKey.get(key);
    if (!column || !isSortable(column.kind))
      throw badParameter("sort", "bad-sort", `cannot sort ${plan.entity.name} by "${key}"`);
    if (keys.some((k) => k.column.key === key))
      throw badParameter("sort", "bad-sort", `"${key}" appears twice in sort`);
    keys.push(sortKey(column, descending));
  }
  if (!keys.some((k) => k.column.key === "id")) keys.push(sortKey(plan.byKey.get("id")!, false));
  return {
    keys,
    spec: keys.map((k) => `${k.descending ? "-" : ""}${k.column.key}`).join(","),
  };
}

function sortKey(column: ColumnRead, descending: boolean): SortKey {
  const expression = column.kind === "text" ? `${column.ref} COLLATE "C"` : column.ref;
  return { column, descending, expression };
}

export function orderBy(sort: Sort): string {
  return sort.keys
    .map((k) => `${k.expression} ${k.descending ? "DESC NULLS FIRST" : "ASC NULLS LAST"}`)
    .join(", ");
}
