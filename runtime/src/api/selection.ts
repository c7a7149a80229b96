import { badParameter, commaList } from "./query-params.ts";
import type { ColumnRead, LinePlan, ReadPlan } from "./read-plan.ts";

/** What a list returns of each row: columns in model order and the table fields to attach. */
export interface Selection {
  readonly columns: readonly ColumnRead[];
  readonly lines: readonly LinePlan[];
}

const ALWAYS = new Set(["id", "version"]);

/**
 * `fields=a,b`: those fields plus `id` and `version`. Without it every column and no lines: lists
 * stay light, and table fields come only when named.
 */
export function parseFields(plan: ReadPlan, text: string | undefined): Selection {
  if (text === undefined) return { columns: plan.columns, lines: [] };
  const names = new Set(commaList(text, "fields", "bad-fields"));
  for (const name of names) {
    if (!plan.byKey.has(name) && !plan.lines.some((line) => line.field.name === name))
      throw badParameter("fields", "bad-fields", `${plan.entity.name} has no field "${name}"`);
  }
  return {
    columns: plan.columns.filter((c) => ALWAYS.has(c.key) || names.has(c.key)),
    lines: plan.lines.filter((line) => names.has(line.field.name)),
  };
}
