import { quoteIdent } from "../model/sql-name.ts";
import { parseColumnType } from "./column-type.ts";
import { alterColumnSql } from "./ddl.ts";
import type { DiffContext } from "./diff-context.ts";
import type { PhysicalColumn } from "./physical-types.ts";
import { type ColumnAt, conversionCheck, notNullCheck } from "./row-checks.ts";
import { qualified } from "./sql-text.ts";
import { step } from "./step.ts";
import { type TypeChange, typeChange } from "./type-change.ts";
import type { MigrationStep } from "./types.ts";

/** Changes to the columns that survive, in the order PostgreSQL needs for each column. */
export function alterColumnSteps(ctx: DiffContext): MigrationStep[] {
  const steps: MigrationStep[] = [];
  for (const { before, after } of ctx.survivors) {
    for (const [oldName, newName] of ctx.pairing.columns.get(before.name) ?? []) {
      const old = before.columns[oldName];
      const next = after.columns[newName];
      if (!old || !next || sameColumn(old, next)) continue;
      const at: ColumnSteps = {
        before: { table: before.name, column: oldName },
        after: { table: after.name, column: newName },
        entity: ctx.pairing.after.entity(after.name),
        field: ctx.pairing.after.field(after.name, newName),
        label: `${after.name}.${newName}`,
      };
      steps.push(...columnSteps(at, old, next));
    }
  }
  return steps;
}

function sameColumn(old: PhysicalColumn, next: PhysicalColumn): boolean {
  return old.type === next.type && old.notNull === next.notNull && old.default === next.default;
}

export interface ColumnSteps {
  readonly before: ColumnAt;
  readonly after: ColumnAt;
  readonly entity: string;
  readonly field: string | undefined;
  readonly label: string;
}

/**
 * Drop NOT NULL and the old default first (a default that cannot be cast blocks a type change),
 * then change the type, then set the new default and NOT NULL. Restoring a retired column uses it
 * too: the retired column is `old` (nullable, no default), the field's column `next`.
 */
export function columnSteps(
  at: ColumnSteps,
  old: PhysicalColumn,
  next: PhysicalColumn,
): MigrationStep[] {
  const change =
    old.type === next.type
      ? undefined
      : typeChange(parseColumnType(old.type), parseColumnType(next.type));
  const defaultChanges = change !== undefined || old.default !== next.default;
  const steps: MigrationStep[] = [];
  const column = (
    kind: MigrationStep["kind"],
    description: string,
    action: string,
  ): MigrationStep =>
    step(kind, at.entity, description, [alterColumnSql(at.after.table, at.after.column, action)], {
      field: at.field,
    });
  if (old.notNull && !next.notNull) {
    steps.push(column("drop-not-null", `drop not null on ${at.label}`, "DROP NOT NULL"));
  }
  if (old.default !== undefined && defaultChanges && (change || next.default === undefined)) {
    steps.push(column("drop-default", `drop default of ${at.label}`, "DROP DEFAULT"));
  }
  if (change) steps.push(typeStep(at, old, next, change));
  if (next.default !== undefined && defaultChanges) {
    steps.push(
      column(
        "set-default",
        `set default of ${at.label} to ${next.default}`,
        `SET DEFAULT ${next.default}`,
      ),
    );
  }
  if (!old.notNull && next.notNull) steps.push(setNotNullStep(at, next, change));
  return steps;
}

function typeStep(
  at: ColumnSteps,
  old: PhysicalColumn,
  next: PhysicalColumn,
  change: TypeChange,
): MigrationStep {
  const using = change.using(quoteIdent(at.after.column));
  const sql = [alterColumnSql(at.after.table, at.after.column, `TYPE ${next.type} USING ${using}`)];
  const notes = [change.loss, change.canFail ? "rows that do not convert become NULL" : undefined];
  const note = notes.filter((text) => text !== undefined).join("; ");
  const verb = change.kind === "widen" ? "widen" : "convert";
  return step(
    "alter-column-type",
    at.entity,
    `${verb} ${at.label} ${old.type} → ${next.type}${note ? ` (${note})` : ""}`,
    sql,
    {
      field: at.field,
      safety: change.loss === undefined ? "safe" : "data-losing",
      check: change.canFail
        ? conversionCheck(at.before, at.after, change.using, at.label, next.type)
        : undefined,
    },
  );
}

/** With a default, empty values take it first; without one, empty rows block the step. */
function setNotNullStep(
  at: ColumnSteps,
  next: PhysicalColumn,
  change: TypeChange | undefined,
): MigrationStep {
  const name = quoteIdent(at.after.column);
  const setNotNull = alterColumnSql(at.after.table, at.after.column, "SET NOT NULL");
  if (next.default !== undefined) {
    return step(
      "set-not-null",
      at.entity,
      `set not null on ${at.label} (empty values get the default)`,
      [
        `UPDATE ${qualified(at.after.table)} SET ${name} = DEFAULT WHERE ${name} IS NULL`,
        setNotNull,
      ],
      { field: at.field },
    );
  }
  const old = quoteIdent(at.before.column);
  return step("set-not-null", at.entity, `set not null on ${at.label}`, [setNotNull], {
    field: at.field,
    check: notNullCheck(at.before, change ? change.using(old) : old, at.label),
  });
}
