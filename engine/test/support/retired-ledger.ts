import type { MigrationPlan, RetiredColumn } from "../../src/plan/types.ts";

/**
 * The retired columns after a plan ran, from those before it and the plan's steps: what the
 * runtime records in `loom_sys.retired_columns`, replayed in memory so a test can compare it with
 * the hidden columns the database really holds.
 */
export function retiredAfter(
  before: readonly RetiredColumn[],
  plan: MigrationPlan,
): RetiredColumn[] {
  const moves = plan.steps.flatMap((step) => (step.retiredTable ? [step.retiredTable] : []));
  const gone = new Set(moves.filter((move) => move.to === null).map((move) => move.from));
  const renamed = new Map(
    moves.flatMap((move) => (move.to === null ? [] : [[move.from, move.to]])),
  );
  const rename = (table: string): string => renamed.get(table) ?? table;
  let columns = before
    .filter((column) => !gone.has(column.table))
    .map((column) => {
      const references = column.definition.references;
      return {
        ...column,
        table: rename(column.table),
        definition: {
          ...column.definition,
          ...(references === undefined ? {} : { references: rename(references) }),
        },
      };
    });
  for (const step of plan.steps) {
    if (step.retire) columns.push(step.retire);
    const restore = step.restore;
    if (restore) {
      columns = columns.filter(
        (column) => column.table !== restore.table || column.retiredAs !== restore.retiredAs,
      );
    }
  }
  return columns;
}
