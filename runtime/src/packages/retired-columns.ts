import {
  LoomError,
  type MigrationPlan,
  type RetiredColumn,
  type RetiredDefinition,
  SYSTEM_SCHEMA,
} from "@loom/engine";
import type { Knex } from "knex";

const RETIRED = `"${SYSTEM_SCHEMA}"."retired_columns"`;

/** A retired column as `loom_sys.retired_columns` records it. */
export interface RetiredColumnInfo extends RetiredColumn {
  /** the revision whose plan retired it */
  revisionId: number;
  retiredAt: Date;
}

/**
 * Every retired column, oldest first: the order the planner expects (the latest retired column of
 * a name is the one a returning field takes back).
 */
export async function listRetiredColumns(conn: Knex): Promise<RetiredColumnInfo[]> {
  const rows: Array<{
    table_name: string;
    column_name: string;
    retired_as: string;
    definition: RetiredDefinition;
    revision_id: string | number;
    retired_at: Date;
  }> = (
    await conn.raw(
      `SELECT "table_name", "column_name", "retired_as", "definition", "revision_id", "retired_at"
       FROM ${RETIRED} ORDER BY "revision_id", "retired_at", "table_name", "retired_as"`,
    )
  ).rows;
  return rows.map((row) => ({
    table: row.table_name,
    column: row.column_name,
    retiredAs: row.retired_as,
    definition: row.definition,
    // bigint comes back as text from pg; revision ids stay far below 2^53
    revisionId: Number(row.revision_id),
    retiredAt: row.retired_at,
  }));
}

/**
 * Brings `loom_sys.retired_columns` in line with a plan that just ran in `tx`, in the order the
 * plan's steps left the tables: rows of dropped tables go, rows of renamed tables (and links to
 * them) follow the new name, each `retire-column` step adds a row, each `restore-column` step
 * deletes its row. Called by applyPackages after inserting the revision `revisionId`.
 */
export async function recordRetirements(
  tx: Knex.Transaction,
  plan: MigrationPlan,
  revisionId: number,
): Promise<void> {
  const moves = plan.steps.flatMap((step) => (step.retiredTable ? [step.retiredTable] : []));
  const gone = moves.filter((move) => move.to === null).map((move) => move.from);
  const renamed = moves.flatMap((move) => (move.to === null ? [] : [[move.from, move.to]]));
  if (gone.length > 0) {
    await tx.raw(`DELETE FROM ${RETIRED} WHERE "table_name" = ANY(?::text[])`, [gone]);
  }
  if (renamed.length > 0) {
    await followRenames(
      tx,
      renamed.map(([from]) => from!),
      renamed.map(([, to]) => to!),
    );
  }

  const retired = plan.steps.flatMap((step) => (step.retire ? [step.retire] : []));
  if (retired.length > 0) {
    await tx
      .withSchema(SYSTEM_SCHEMA)
      .table("retired_columns")
      .insert(
        retired.map((column) => ({
          table_name: column.table,
          retired_as: column.retiredAs,
          column_name: column.column,
          definition: JSON.stringify(column.definition),
          revision_id: revisionId,
        })),
      );
  }
  const restored = plan.steps.flatMap((step) => (step.restore ? [step.restore] : []));
  if (restored.length > 0) {
    await tx.raw(
      `DELETE FROM ${RETIRED} r USING unnest(?::text[], ?::text[]) AS d("table_name", "retired_as")
       WHERE r."table_name" = d."table_name" AND r."retired_as" = d."retired_as"`,
      [restored.map((item) => item.table), restored.map((item) => item.retiredAs)],
    );
  }
}

/** One statement, so a chain of renames moves each row once, by the name it had before the plan. */
async function followRenames(tx: Knex.Transaction, from: string[], to: string[]): Promise<void> {
  const target = (name: string) => `(SELECT m."to" FROM "m" WHERE m."from" = ${name})`;
  const references = `r."definition"->>'references'`;
  await tx.raw(
    `WITH "m" AS (SELECT * FROM unnest(?::text[], ?::text[]) AS m("from", "to"))
     UPDATE ${RETIRED} r SET
       "table_name" = COALESCE(${target(`r."table_name"`)}, r."table_name"),
       "definition" = COALESCE(
         jsonb_set(r."definition", '{references}', to_jsonb(${target(references)})),
         r."definition")
     WHERE r."table_name" IN (SELECT "from" FROM "m") OR ${references} IN (SELECT "from" FROM "m")`,
    [from, to],
  );
}

/**
 * A plan that restores retired columns was made before taking the apply lock; `loom purge` may
 * have dropped one of them since. Checked under the lock, so the apply is refused before any step
 * rather than failing halfway (which would roll back too, with a less helpful message).
 */
export async function checkRestoresStillRetired(
  tx: Knex.Transaction,
  plan: MigrationPlan,
): Promise<void> {
  // a restore names its table as the plan leaves it; the rows still have the name before it
  const renamedFrom = new Map(
    plan.steps.flatMap(({ retiredTable: move }) => (move?.to ? [[move.to, move.from]] : [])),
  );
  const restored = plan.steps.flatMap(({ restore }) =>
    restore ? [{ ...restore, table: renamedFrom.get(restore.table) ?? restore.table }] : [],
  );
  if (restored.length === 0) return;
  const present: Array<{ table_name: string; retired_as: string }> = (
    await tx.raw(
      `SELECT "table_name", "retired_as" FROM ${RETIRED} WHERE "retired_as" = ANY(?::text[])`,
      [restored.map((item) => item.retiredAs)],
    )
  ).rows;
  const known = new Set(present.map((row) => `${row.table_name}\0${row.retired_as}`));
  const missing = restored.filter((item) => !known.has(`${item.table}\0${item.retiredAs}`));
  if (missing.length > 0) {
    throw new LoomError(
      "revision-changed",
      `retired columns were purged after this plan was made; plan again (${missing
        .map((item) => `${item.table}.${item.retiredAs}`)
        .join(", ")})`,
    );
  }
}
