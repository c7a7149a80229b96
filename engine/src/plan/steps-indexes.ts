import { quoteIdent } from "../model/sql-name.ts";
import { createIndexSql, dropIndexSql } from "./ddl.ts";
import type { DiffContext } from "./diff-context.ts";
import type { PhysicalIndex } from "./physical-types.ts";
import { duplicateCheck } from "./row-checks.ts";
import { qualified } from "./sql-text.ts";
import { step } from "./step.ts";
import type { MigrationStep, RowCheck } from "./types.ts";

/** Indexes of dropped tables go with their table. */
export function dropIndexSteps(ctx: DiffContext): MigrationStep[] {
  return ctx.indexes.dropped
    .filter(({ table }) => !ctx.droppedTables.has(table))
    .map(({ table, item }) =>
      step(
        "drop-index",
        ctx.entityOfOld(table),
        `drop ${describeIndex(table, item)}`,
        [dropIndexSql(item)],
        { field: singleField(ctx, "before", table, item) },
      ),
    );
}

export function renameIndexSteps(ctx: DiffContext): MigrationStep[] {
  return ctx.indexes.renamed.map(({ table, from, to }) =>
    step(
      "rename-index",
      ctx.pairing.after.entity(table),
      `rename index ${from.name} → ${to.name}`,
      [`ALTER INDEX ${qualified(from.name)} RENAME TO ${quoteIdent(to.name)}`],
      { field: singleField(ctx, "after", table, to) },
    ),
  );
}

export function createIndexSteps(ctx: DiffContext): MigrationStep[] {
  return ctx.indexes.created.map(({ table, item }) =>
    step(
      "create-index",
      ctx.pairing.after.entity(table),
      `create ${describeIndex(table, item)}`,
      [createIndexSql(table, item)],
      { field: singleField(ctx, "after", table, item), check: uniqueCheck(ctx, table, item) },
    ),
  );
}

/** Existing rows can already hold duplicates of a new unique key; new columns cannot be checked. */
function uniqueCheck(ctx: DiffContext, table: string, index: PhysicalIndex): RowCheck | undefined {
  const oldTable = ctx.oldTable(table);
  if (!index.unique || oldTable === undefined) return undefined;
  // a restored column is read under its retired name
  const oldKeys = index.columns.map((key) =>
    key.startsWith("(")
      ? key
      : (ctx.oldColumn(table, key) ?? ctx.retired.restored(table, key)?.retiredAs),
  );
  if (oldKeys.includes(undefined)) return undefined;
  const columns = index.columns.filter((key) => !key.startsWith("("));
  const description =
    columns.length === 0
      ? `rows of ${table} beyond the single record it may hold`
      : `rows where ${table}.${columns.length === 1 ? columns[0] : `(${columns.join(", ")})`} is not unique`;
  return duplicateCheck(oldTable, oldKeys as string[], description);
}

function describeIndex(table: string, index: PhysicalIndex): string {
  return `${index.unique ? "unique " : ""}index ${index.name} on ${table} (${index.columns.join(", ")})`;
}

function singleField(
  ctx: DiffContext,
  side: "before" | "after",
  table: string,
  index: PhysicalIndex,
): string | undefined {
  const [column, ...others] = index.columns;
  return column === undefined || others.length > 0
    ? undefined
    : ctx.pairing[side].field(table, column);
}
