import { type AppModel, EMPTY_MODEL } from "../model/app-model.ts";
import { diffContext } from "./diff-context.ts";
import { alterColumnSteps } from "./steps-alter-column.ts";
import { addColumnSteps, dropColumnSteps, renameColumnSteps } from "./steps-columns.ts";
import {
  addForeignKeySteps,
  dropForeignKeySteps,
  renameForeignKeySteps,
} from "./steps-foreign-keys.ts";
import { createIndexSteps, dropIndexSteps, renameIndexSteps } from "./steps-indexes.ts";
import { createTableSteps, dropTableSteps, renameTableSteps } from "./steps-tables.ts";
import type { MigrationPlan, PlanOptions } from "./types.ts";

/**
 * The steps that turn the storage of `from` (null: nothing yet) into that of `to`. Phases run in
 * an order PostgreSQL accepts: keys and indexes go before what they use, drops before renames
 * (a name may be reused), renames before additions, tables before the keys that point at them.
 * `options` retire dropped columns instead (hidden, values kept) and restore retired columns
 * that fields take back; without them, dropped columns are dropped.
 */
export function planMigration(
  from: AppModel | null,
  to: AppModel,
  options: PlanOptions = {},
): MigrationPlan {
  const ctx = diffContext(from ?? EMPTY_MODEL, to, options);
  const steps = [
    dropForeignKeySteps,
    dropIndexSteps,
    dropTableSteps,
    dropColumnSteps,
    renameTableSteps,
    renameColumnSteps,
    renameIndexSteps,
    renameForeignKeySteps,
    createTableSteps,
    addColumnSteps,
    alterColumnSteps,
    createIndexSteps,
    addForeignKeySteps,
  ].flatMap((phase) => phase(ctx));
  return { steps, dataLosing: steps.some((item) => item.safety === "data-losing") };
}
