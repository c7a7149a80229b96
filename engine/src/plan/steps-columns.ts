import { quoteIdent } from "../model/sql-name.ts";
import { alterTableSql, columnDefinition } from "./ddl.ts";
import type { DiffContext } from "./diff-context.ts";
import type { PhysicalColumn } from "./physical-types.ts";
import { existingRowsCheck } from "./row-checks.ts";
import { step } from "./step.ts";
import { restoreColumnSteps, retireColumnSteps } from "./steps-retire.ts";
import type { MigrationStep } from "./types.ts";

/**
 * Columns of surviving tables that nothing continues, dropped or (`dropColumns: "retire"`)
 * retired; they run before renames, on old names.
 */
export function dropColumnSteps(ctx: DiffContext): MigrationStep[] {
  return ctx.survivors.flatMap(({ before, after }) => {
    const kept = ctx.pairing.columns.get(before.name);
    const reasons = ctx.pairing.replaced.get(before.name);
    const gone = Object.keys(before.columns).filter((column) => !kept?.has(column));
    if (ctx.dropColumns === "retire") return retireColumnSteps(ctx, before, after, gone);
    return gone.map((column) => {
      const reason = reasons?.get(column);
      return step(
        "drop-column",
        ctx.pairing.after.entity(after.name),
        `drop column ${before.name}.${column} (${reason ? `${reason}; ` : ""}its values are lost)`,
        [alterTableSql(before.name, `DROP COLUMN ${quoteIdent(column)}`)],
        { field: ctx.pairing.before.field(before.name, column), safety: "data-losing" },
      );
    });
  });
}

export function renameColumnSteps(ctx: DiffContext): MigrationStep[] {
  return ctx.survivors.flatMap(({ before, after }) =>
    [...(ctx.pairing.columns.get(before.name) ?? [])]
      .filter(([old, next]) => old !== next)
      .map(([old, next]) =>
        step(
          "rename-column",
          ctx.pairing.after.entity(after.name),
          `rename column ${after.name}.${old} → ${next}`,
          [alterTableSql(after.name, `RENAME COLUMN ${quoteIdent(old)} TO ${quoteIdent(next)}`)],
          { field: ctx.pairing.after.field(after.name, next) },
        ),
      ),
  );
}

/**
 * New columns of surviving tables. A nullable column or one with a constant default is added
 * without rewriting the table; a required one without default cannot take existing rows. One that
 * matches a retired column of its table takes it back, values and all (steps-retire.ts).
 */
export function addColumnSteps(ctx: DiffContext): MigrationStep[] {
  return ctx.survivors.flatMap(({ before, after }) =>
    Object.values(after.columns)
      .filter((column) => ctx.oldColumn(after.name, column.name) === undefined)
      .flatMap((column) => {
        const retired = ctx.retired.restored(after.name, column.name);
        if (retired) return restoreColumnSteps(ctx, before, after, column, retired);
        const label = `${after.name}.${column.name}`;
        const needsRows = column.notNull && column.default === undefined;
        return [
          step(
            "add-column",
            ctx.pairing.after.entity(after.name),
            `add column ${label} (${describeColumn(column)})`,
            [alterTableSql(after.name, `ADD COLUMN ${columnDefinition(column)}`)],
            {
              field: ctx.pairing.after.field(after.name, column.name),
              check: needsRows ? existingRowsCheck(before.name, label) : undefined,
            },
          ),
        ];
      }),
  );
}

function describeColumn(column: PhysicalColumn): string {
  const parts = [column.type];
  if (column.notNull) parts.push("not null");
  if (column.default !== undefined) parts.push(`default ${column.default}`);
  return parts.join(", ");
}
