import { quoteIdent } from "../model/sql-name.ts";
import { alterTableSql, createTableSql } from "./ddl.ts";
import type { DiffContext } from "./diff-context.ts";
import { qualified } from "./sql-text.ts";
import { step } from "./step.ts";
import type { MigrationStep } from "./types.ts";

export function dropTableSteps(ctx: DiffContext): MigrationStep[] {
  return [...ctx.droppedTables].map((table) =>
    step(
      "drop-table",
      ctx.pairing.before.entity(table),
      `drop table ${table} (all its rows are lost${holdsRetired(ctx, table) ? ", retired columns included" : ""})`,
      [`DROP TABLE ${qualified(table)}`],
      {
        safety: "data-losing",
        retiredTable: holdsRetired(ctx, table) ? { from: table, to: null } : undefined,
      },
    ),
  );
}

export function renameTableSteps(ctx: DiffContext): MigrationStep[] {
  return ctx.survivors
    .filter(({ before, after }) => before.name !== after.name)
    .map(({ before, after }) =>
      step(
        "rename-table",
        ctx.pairing.after.entity(after.name),
        `rename table ${before.name} → ${after.name}`,
        [alterTableSql(before.name, `RENAME TO ${quoteIdent(after.name)}`)],
        {
          retiredTable: touchesRetired(ctx, before.name)
            ? { from: before.name, to: after.name }
            : undefined,
        },
      ),
    );
}

function holdsRetired(ctx: DiffContext, table: string): boolean {
  return ctx.retired.of(table).length > 0;
}

/** Retired columns follow their table's renames, and so do the targets their links name. */
function touchesRetired(ctx: DiffContext, table: string): boolean {
  return holdsRetired(ctx, table) || ctx.retired.pointingAt(table);
}

/** New tables with every column; their indexes and keys follow as their own steps. */
export function createTableSteps(ctx: DiffContext): MigrationStep[] {
  return Object.values(ctx.to.tables)
    .filter((table) => ctx.oldTable(table.name) === undefined)
    .map((table) =>
      step("create-table", ctx.pairing.after.entity(table.name), `create table ${table.name}`, [
        createTableSql(table),
      ]),
    );
}
