import { LoomError, type MigrationPlan, type MigrationStep } from "@loom/engine";
import type { Knex } from "knex";
import type { Database } from "../db/database.ts";
import { checkRestoresStillRetired, recordRetirements } from "../packages/retired-columns.ts";
import { adoptWorkflows } from "../workflow/adopt-workflows.ts";
import { installedPackages, removePackagesExcept, writePackages } from "./installed-packages.ts";
import type { PackageSource } from "./load-packages.ts";
import { prepareChange } from "./prepare-change.ts";
import { currentRevisionId, insertRevision, writeMigrationLog } from "./revisions.ts";
import { conversionRefused, type RowCheckResult, rowsRefused, runRowChecks } from "./row-checks.ts";
import { runStatements } from "./sql-script.ts";

export interface ApplyOptions {
  /** consent to run data-losing steps (drops) */
  allowDataLoss: boolean;
  /**
   * What to do with rows a conversion cannot carry over: `null` stores NULL, `keep` first copies
   * the old column aside (for the steps that flagged rows). Unset: refuse.
   */
  onConversionFailure?: "null" | "keep";
  /**
   * The given packages are the whole installation: installed packages not given are removed
   * (a rollback to a revision that had fewer packages). Default: they are kept.
   */
  exact?: boolean;
  /**
   * Columns no field continues: `drop` (default; data-losing) or `retire` (renamed to a hidden
   * name with their values, recorded in `loom_sys.retired_columns` until `loom purge`). In any
   * apply, a field that comes back with the same type takes its retired column back.
   */
  dropColumns?: "drop" | "retire";
  /** who applies, recorded with the packages and the revision */
  actor: string;
  note?: string;
  /**
   * Called before each step runs, inside the transaction: progress reporting, and tests injecting
   * a failure mid-plan (a throw rolls everything back).
   */
  beforeStep?: (step: MigrationStep, index: number, plan: MigrationPlan) => Promise<void>;
  /**
   * Work that must commit with the new revision or not at all, run last in its transaction (the
   * designer drops the draft it published); a throw rolls everything back.
   */
  afterApply?: (tx: Knex.Transaction) => Promise<void>;
  /**
   * Run under the apply lock before anything changes, once the revision is known to be the one
   * planned against: an import checks that what else it previewed (reference data) still holds.
   */
  beforeSteps?: (tx: Knex.Transaction) => Promise<void>;
}

export interface RevisionRef {
  id: number;
  checksum: string;
}

export type ApplyResult =
  | { status: "unchanged"; revision: RevisionRef }
  | { status: "applied"; revision: RevisionRef; plan: MigrationPlan; checks: RowCheckResult[] };

/** Any constant, shared by every Loom process: appliers on one server serialize on it. */
export const APPLY_LOCK_KEY = 0x100_a991;

/**
 * Installs packages: plans the change, then runs the whole plan and records the packages, the new
 * revision and its migration log in ONE transaction. Applying the current model again is a no-op.
 * Refuses (LoomError) a data-losing plan without `allowDataLoss` (`data-loss-refused`), rows a
 * conversion cannot carry over without `onConversionFailure` (`conversion-refused`), rows a step
 * cannot take in any case, e.g. empty values for a new NOT NULL (`rows-refused`), and a plan
 * made against a revision that another applier replaced meanwhile (`revision-changed`). On any
 * error nothing is changed.
 */
export async function applyPackages(
  db: Database,
  sources: readonly PackageSource[],
  options: ApplyOptions,
): Promise<ApplyResult> {
  const change = await prepareChange(db, sources, {
    exact: options.exact === true,
    dropColumns: options.dropColumns ?? "drop",
  });
  const { plan } = change;
  if (change.unchanged && change.current) {
    return { status: "unchanged", revision: { id: change.current.id, checksum: change.checksum } };
  }
  if (plan.dataLosing && !options.allowDataLoss) throw dataLossRefused(plan);

  return db.transaction(async (tx) => {
    await tx.raw("SELECT pg_advisory_xact_lock(?)", [APPLY_LOCK_KEY]);
    const latest = await currentRevisionId(tx);
    const planned = change.current?.id ?? null;
    if (latest !== planned) {
      throw new LoomError(
        "revision-changed",
        `revision ${latest} was applied by someone else after this plan was made against ${planned === null ? "an empty database" : `revision ${planned}`}`,
      );
    }

    await checkRestoresStillRetired(tx, plan);
    await options.beforeSteps?.(tx);
    const checks = await runRowChecks(tx, plan);
    const keepBefore = decideFlaggedRows(plan, checks, options.onConversionFailure);
    await runSteps(tx, plan, keepBefore, options.beforeStep);

    await writePackages(tx, change.given, options.actor);
    if (options.exact) await removePackagesExcept(tx, change.given);
    const id = await insertRevision(tx, {
      checksum: change.checksum,
      model: change.model,
      packages: Object.fromEntries(change.model.packages.map((pkg) => [pkg.name, pkg.version])),
      plan,
      packageFiles: Object.fromEntries(
        (await installedPackages(tx)).map((pkg) => [pkg.name, pkg.files]),
      ),
      createdBy: options.actor,
      note: options.note,
    });
    await writeMigrationLog(tx, id, plan, checks);
    await recordRetirements(tx, plan, id);
    await adoptWorkflows(tx, change.model);
    await options.afterApply?.(tx);
    // delivered at commit to every Loom process LISTENing (server/publish/revision-listener.ts)
    await tx.raw("SELECT pg_notify('loom_revision', ?)", [String(id)]);
    return { status: "applied", revision: { id, checksum: change.checksum }, plan, checks };
  });
}

/**
 * Refuses flagged rows nobody decided about, and returns the steps whose keepSql must run first.
 * Only a conversion (a check with keepSql) can be told what to do with its rows; other flagged rows
 * (empty values for a new NOT NULL, duplicates for a new unique index) would fail the step itself.
 */
function decideFlaggedRows(
  plan: MigrationPlan,
  checks: readonly RowCheckResult[],
  choice: ApplyOptions["onConversionFailure"],
): Set<number> {
  const flagged = checks.filter((check) => check.count > 0);
  const isConversion = (check: RowCheckResult) => plan.steps[check.stepNo - 1]?.check?.keepSql;
  const blocking = flagged.filter((check) => !isConversion(check));
  if (blocking.length > 0) throw rowsRefused(blocking);
  if (flagged.length > 0 && !choice) throw conversionRefused(flagged);
  return new Set(choice === "keep" ? flagged.map((check) => check.stepNo) : []);
}

async function runSteps(
  tx: Knex.Transaction,
  plan: MigrationPlan,
  keepBefore: ReadonlySet<number>,
  beforeStep: ApplyOptions["beforeStep"],
): Promise<void> {
  for (const [index, step] of plan.steps.entries()) {
    await beforeStep?.(step, index, plan);
    try {
      if (keepBefore.has(index + 1)) await runStatements(tx, step.check?.keepSql ?? []);
      await runStatements(tx, step.sql);
    } catch (error) {
      throw new LoomError(
        "step-failed",
        `step ${index + 1} of ${plan.steps.length} (${step.description}) failed: ${(error as Error).message}`,
      );
    }
  }
}

function dataLossRefused(plan: MigrationPlan): LoomError {
  const losing = plan.steps
    .map((step, index) => ({ step, stepNo: index + 1 }))
    .filter(({ step }) => step.safety === "data-losing");
  return new LoomError(
    "data-loss-refused",
    `the plan has ${losing.length} data-losing step${losing.length === 1 ? "" : "s"}`,
    losing.map(({ step, stepNo }) => ({
      code: "data-loss",
      message: `step ${stepNo}: ${step.description}`,
    })),
  );
}
