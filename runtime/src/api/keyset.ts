import { SQL_CAST } from "./column-kind.ts";
import type { CursorValue } from "./cursor.ts";
import type { Sort, SortKey } from "./sort.ts";

export interface SqlPart {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * The rows after the cursor's row in the sort order (ASC NULLS LAST, DESC NULLS FIRST). When every
 * key is ascending and NOT NULL this is a row comparison `(k1, …, id) > (?, …, ?)`, which an index
 * can serve; otherwise the expanded form: k1 after v1, or k1 = v1 and k2 after v2, and so on.
 */
export function keysetPredicate(sort: Sort, values: readonly CursorValue[]): SqlPart {
  const keys = sort.keys;
  if (keys.every((k) => !k.descending && !k.column.nullable)) {
    return {
      sql: `(${keys.map((k) => k.expression).join(", ")}) > (${keys.map(bound).join(", ")})`,
      params: [...values],
    };
  }
  const disjuncts: string[] = [];
  const params: unknown[] = [];
  keys.forEach((key, i) => {
    const after = afterPart(key, values[i]!);
    if (!after) return;
    const conjuncts: SqlPart[] = keys.slice(0, i).map((k, j) => equalPart(k, values[j]!));
    conjuncts.push(after);
    disjuncts.push(`(${conjuncts.map((c) => c.sql).join(" AND ")})`);
    for (const c of conjuncts) params.push(...c.params);
  });
  return { sql: `(${disjuncts.join(" OR ")})`, params };
}

function bound(key: SortKey): string {
  return `?::${SQL_CAST[key.column.kind]}`;
}

function equalPart(key: SortKey, value: CursorValue): SqlPart {
  return value === null
    ? { sql: `${key.expression} IS NULL`, params: [] }
    : { sql: `${key.expression} = ${bound(key)}`, params: [value] };
}

/** Values strictly after `value` in the key's direction; undefined when none can be. */
function afterPart(key: SortKey, value: CursorValue): SqlPart | undefined {
  const e = key.expression;
  if (key.descending) {
    return value === null
      ? { sql: `${e} IS NOT NULL`, params: [] }
      : { sql: `${e} < ${bound(key)}`, params: [value] };
  }
  if (value === null) return undefined;
  return key.column.nullable
    ? { sql: `(${e} > ${bound(key)} OR ${e} IS NULL)`, params: [value] }
    : { sql: `${e} > ${bound(key)}`, params: [value] };
}
