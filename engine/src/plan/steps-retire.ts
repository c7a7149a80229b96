import { quoteIdent } from "../model/sql-name.ts";
import { alterColumnSql, alterTableSql } from "./ddl.ts";
import type { DiffContext } from "./diff-context.ts";
import type { PhysicalColumn, PhysicalTable } from "./physical-types.ts";
import { retiredColumnName } from "./retired-name.ts";
import { orphanedLinksCheck, orphanedLinksSql } from "./row-checks.ts";
import { step } from "./step.ts";
import { columnSteps } from "./steps-alter-column.ts";
import type { MigrationStep, RetiredColumn } from "./types.ts";

/**
 * Columns of a surviving table that no field continues, retired instead of dropped: renamed to a
 * hidden name (on the old table: this runs before renames), NOT NULL and default dropped so that
 * inserts, which never name it, keep working. Earlier phases dropped their indexes and keys.
 */
export function retireColumnSteps(
  ctx: DiffContext,
  before: PhysicalTable,
  after: PhysicalTable,
  columns: readonly string[],
): MigrationStep[] {
  const taken = new Set([
    ...Object.keys(before.columns),
    ...Object.keys(after.columns),
    ...ctx.retired.of(before.name).map((column) => column.retiredAs),
  ]);
  const reasons = ctx.pairing.replaced.get(before.name);
  return columns.map((name) => {
    const column = before.columns[name]!;
    const retiredAs = retiredColumnName(name, taken);
    taken.add(retiredAs);
    const references = targetAfter(ctx, before, name);
    const sql = [
      alterTableSql(before.name, `RENAME COLUMN ${quoteIdent(name)} TO ${quoteIdent(retiredAs)}`),
    ];
    if (column.notNull) sql.push(alterColumnSql(before.name, retiredAs, "DROP NOT NULL"));
    if (column.default !== undefined) {
      sql.push(alterColumnSql(before.name, retiredAs, "DROP DEFAULT"));
    }
    const reason = reasons?.get(name);
    return step(
      "retire-column",
      ctx.pairing.after.entity(after.name),
      `retire column ${before.name}.${name} as ${retiredAs} (${reason ? `${reason}; ` : ""}its values are kept, hidden, until purged)`,
      sql,
      {
        field: ctx.pairing.before.field(before.name, name),
        retire: {
          table: after.name,
          column: name,
          retiredAs,
          definition: {
            ...column,
            ...(references === undefined ? {} : { references }),
          },
        },
      },
    );
  });
}

/**
 * The table a retired link points at, by its name once the plan ran (a table this plan drops keeps
 * its old name: nothing will have it, unless a later table takes the name; see the README).
 */
function targetAfter(ctx: DiffContext, table: PhysicalTable, column: string): string | undefined {
  const key = Object.values(table.foreignKeys).find((item) => item.column === column);
  return key === undefined ? undefined : (ctx.pairing.tables.get(key.references) ?? key.references);
}

/**
 * A new column that takes a retired one back: renamed to its name (table renames ran already),
 * then given the field's default and NOT NULL as an altered column would be (empty values take
 * the default; without one, empty rows block the step). A link's values that point at records
 * deleted while it was retired are flagged first, and cleared once the user chose to.
 */
export function restoreColumnSteps(
  ctx: DiffContext,
  before: PhysicalTable,
  after: PhysicalTable,
  column: PhysicalColumn,
  retired: RetiredColumn,
): MigrationStep[] {
  const label = `${after.name}.${column.name}`;
  const entity = ctx.pairing.after.entity(after.name);
  const field = ctx.pairing.after.field(after.name, column.name);
  const retiredBefore = { table: before.name, column: retired.retiredAs };
  const retiredNow = { table: after.name, column: retired.retiredAs };
  const oldTarget = retired.definition.references;
  const target = oldTarget === undefined ? undefined : ctx.pairing.tables.get(oldTarget);
  const sql = [
    ...(target === undefined ? [] : [orphanedLinksSql(retiredNow, target)]),
    alterTableSql(
      after.name,
      `RENAME COLUMN ${quoteIdent(retired.retiredAs)} TO ${quoteIdent(column.name)}`,
    ),
  ];
  const restore = step(
    "restore-column",
    entity,
    `restore column ${label} (${column.type}) from ${retired.retiredAs}, with its values`,
    sql,
    {
      field,
      restore: { table: after.name, retiredAs: retired.retiredAs },
      check:
        oldTarget === undefined || target === undefined
          ? undefined
          : orphanedLinksCheck(
              retiredBefore,
              oldTarget,
              { ...retiredNow, target, restoredAs: column.name },
              label,
            ),
    },
  );
  const asRetired: PhysicalColumn = { name: column.name, type: column.type, notNull: false };
  const at = {
    before: retiredBefore,
    after: { table: after.name, column: column.name },
    entity,
    field,
    label,
  };
  return [restore, ...columnSteps(at, asRetired, column)];
}
