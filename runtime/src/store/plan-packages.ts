import type { Database } from "../db/database.ts";
import type { PackageSource } from "./load-packages.ts";
import { type PreparedChange, type PrepareOptions, prepareChange } from "./prepare-change.ts";
import { type RowCheckResult, runRowChecks } from "./row-checks.ts";

export interface PlanResult extends PreparedChange {
  /** every step's row check, counted now (read-only) */
  checks: RowCheckResult[];
}

/**
 * What `applyPackages` would do, without doing it: the plan and the rows its checks flag
 * (`exact` and `dropColumns` as for applyPackages).
 */
export async function planPackages(
  db: Database,
  sources: readonly PackageSource[],
  options: PrepareOptions = { exact: false },
): Promise<PlanResult> {
  const change = await prepareChange(db, sources, options);
  const checks = change.plan.steps.some((step) => step.check)
    ? await db.transaction(async (tx) => {
        await tx.raw("SET TRANSACTION READ ONLY");
        return runRowChecks(tx, change.plan);
      })
    : [];
  return { ...change, checks };
}
