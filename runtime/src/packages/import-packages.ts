import { canonicalJson, type Issue, LoomError } from "@loom/engine";
import type { Database } from "../db/database.ts";
import { type ApplyOptions, type ApplyResult, applyPackages } from "../store/apply-packages.ts";
import { type ImportPreview, type ImportRequest, prepareImport } from "./import-preview.ts";
import { writeParameterValues } from "./parameters.ts";
import { applyReferenceData, previewReferenceData } from "./reference-data/index.ts";

export interface ImportOptions {
  /**
   * The plan id of a preview: the import applies exactly that plan (consent to its data-losing
   * steps included) and refuses with `plan-stale` when the target or the packages changed since.
   */
  readonly planId?: string;
  /** without a plan id: consent to data-losing steps (dropping tables) */
  readonly allowDataLoss?: boolean;
  readonly onConversionFailure?: ApplyOptions["onConversionFailure"];
  readonly actor: string;
  readonly note?: string;
  readonly beforeStep?: ApplyOptions["beforeStep"];
}

export type ImportResult =
  | { readonly status: "unchanged"; readonly preview: ImportPreview }
  /** the packages are installed exactly so: only the profile's parameter values were stored */
  | { readonly status: "parameters-set"; readonly preview: ImportPreview }
  | {
      readonly status: "applied";
      readonly preview: ImportPreview;
      readonly revision: { readonly id: number; readonly checksum: string };
    };

/**
 * Applies an import in ONE transaction: the migration (columns the import drops are retired, not
 * destroyed), the packages, the new revision, the reference data of new and changed packages and
 * the profile's parameter values. Refuses, changing nothing: a blocked preview (`import-refused`,
 * every conflict, problem and missing value as details), a plan id that no longer matches
 * (`plan-stale`), data-losing steps without consent (`data-loss-refused`).
 */
export async function importPackages(
  db: Database,
  request: ImportRequest,
  options: ImportOptions,
): Promise<ImportResult> {
  const prepared = await prepareImport(db, request);
  const { preview, change } = prepared;
  if (preview.blocked || !change) throw importRefused(preview);
  if (options.planId !== undefined && options.planId !== preview.planId) throw planStale(preview);
  if (preview.unchanged) return { status: "unchanged", preview };

  const model = change.model;
  if (change.unchanged) {
    await db.transaction((tx) =>
      writeParameterValues(tx, model.parameters, prepared.values, options.actor),
    );
    return { status: "parameters-set", preview };
  }
  const result: ApplyResult = await applyPackages(db, request.packages, {
    exact: request.exact === true,
    dropColumns: "retire",
    allowDataLoss: options.planId !== undefined || options.allowDataLoss === true,
    ...(options.onConversionFailure && { onConversionFailure: options.onConversionFailure }),
    actor: options.actor,
    note: options.note ?? importNote(preview),
    ...(options.beforeStep && { beforeStep: options.beforeStep }),
    // the revision is re-checked under the lock; the reference data the preview counted must be too
    beforeSteps: async (tx) => {
      if (options.planId === undefined) return;
      const now = await previewReferenceData(tx, {
        model,
        current: change.current?.model ?? null,
        packages: prepared.changedPackages,
      });
      if (canonicalJson(now) !== canonicalJson(preview.referenceData)) throw planStale(preview);
    },
    afterApply: async (tx) => {
      await applyReferenceData(tx, { model, packages: prepared.changedPackages });
      await writeParameterValues(tx, model.parameters, prepared.values, options.actor);
    },
  });
  // a race lost to an identical import: what it installed is what was asked for
  if (result.status === "unchanged") return { status: "unchanged", preview };
  return { status: "applied", preview, revision: result.revision };
}

function importNote(preview: ImportPreview): string {
  return `import ${preview.packages
    .map((pkg) => `${pkg.name} ${pkg.from ?? "-"} → ${pkg.to ?? "removed"}`)
    .join(", ")}`;
}

function importRefused(preview: ImportPreview): LoomError {
  const details: Issue[] = [
    ...preview.conflicts.map((conflict) => ({
      ...conflict,
      message: `${conflict.message} — ${conflict.resolution}`,
    })),
    ...preview.problems,
    ...preview.parameters.missing.map((name) => ({
      code: "parameter-missing",
      path: `/parameters/${name}`,
      message: `parameter "${name}" has no value in this environment and no default: supply it in the profile`,
    })),
  ];
  const parts = [
    preview.conflicts.length > 0 &&
      `${preview.conflicts.length} conflict(s) with installed packages`,
    preview.problems.length > 0 && `${preview.problems.length} problem(s) in the packages`,
    preview.parameters.missing.length > 0 &&
      `${preview.parameters.missing.length} parameter value(s) missing`,
  ].filter(Boolean);
  return new LoomError(
    "import-refused",
    `the import cannot be applied: ${parts.join(", ")}; nothing was changed (run it with --dry-run to see each with what to do)`,
    details,
  );
}

function planStale(preview: ImportPreview): LoomError {
  return new LoomError(
    "plan-stale",
    `the target or the packages changed since that plan was made (the plan is now ${preview.planId}): preview again and review the new plan`,
  );
}
