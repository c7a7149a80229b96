import { quoteIdent } from "../model/sql-name.ts";
import { addForeignKeySql, alterTableSql } from "./ddl.ts";
import type { DiffContext } from "./diff-context.ts";
import type { PhysicalForeignKey } from "./physical-types.ts";
import { step } from "./step.ts";
import type { MigrationStep } from "./types.ts";

/**
 * Keys are dropped first, before the tables and columns they use. A dropped table takes its own
 * keys along, except those pointing at another dropped table, which would block dropping that one.
 */
export function dropForeignKeySteps(ctx: DiffContext): MigrationStep[] {
  return ctx.foreignKeys.dropped
    .filter(
      ({ table, item }) =>
        !ctx.droppedTables.has(table) ||
        (item.references !== table && ctx.droppedTables.has(item.references)),
    )
    .map(({ table, item }) =>
      step(
        "drop-foreign-key",
        ctx.entityOfOld(table),
        `drop foreign key ${describeKey(table, item)}`,
        [alterTableSql(table, `DROP CONSTRAINT ${quoteIdent(item.name)}`)],
        { field: ctx.pairing.before.field(table, item.column) },
      ),
    );
}

export function renameForeignKeySteps(ctx: DiffContext): MigrationStep[] {
  return ctx.foreignKeys.renamed.map(({ table, from, to }) =>
    step(
      "rename-foreign-key",
      ctx.pairing.after.entity(table),
      `rename foreign key ${from.name} → ${to.name}`,
      [
        alterTableSql(
          table,
          `RENAME CONSTRAINT ${quoteIdent(from.name)} TO ${quoteIdent(to.name)}`,
        ),
      ],
      { field: ctx.pairing.after.field(table, to.column) },
    ),
  );
}

/** Added last, when every table they point at exists. */
export function addForeignKeySteps(ctx: DiffContext): MigrationStep[] {
  return ctx.foreignKeys.created.map(({ table, item }) =>
    step(
      "add-foreign-key",
      ctx.pairing.after.entity(table),
      `add foreign key ${describeKey(table, item)} (on delete ${item.onDelete})`,
      [addForeignKeySql(table, item)],
      { field: ctx.pairing.after.field(table, item.column) },
    ),
  );
}

function describeKey(table: string, key: PhysicalForeignKey): string {
  return `${table}.${key.column} → ${key.references}`;
}
