import {
  checksum,
  diffPackageFiles,
  type FileChange,
  type Issue,
  type Layer,
  type LoadedPackage,
  LoomError,
  type ParameterValue,
} from "@loom/engine";
import semver from "semver";
import type { Database } from "../db/database.ts";
import { type InstalledPackage, installedPackages } from "../store/installed-packages.ts";
import { type PlanView, planView } from "../store/plan-view.ts";
import { type PreparedChange, prepareChange } from "../store/prepare-change.ts";
import { type RowCheckResult, runRowChecks } from "../store/row-checks.ts";
import { bootstrapSystemSchema } from "../store/system-schema.ts";
import { type Conflict, splitConflicts } from "./import-conflicts.ts";
import {
  checkParameterValues,
  missingParameters,
  type ParameterStatus,
  parameterStatuses,
  storedParameterValues,
} from "./parameters.ts";
import { previewReferenceData, type ReferenceDataChange } from "./reference-data/index.ts";

/** What an import is asked to do. */
export interface ImportRequest {
  /** the packages to install or upgrade (or, with `exact`, the whole installation) */
  readonly packages: readonly LoadedPackage[];
  /** the environment's parameter values from a profile, by name */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** installed packages not given are removed (a rollback to before a package existed) */
  readonly exact?: boolean;
}

export interface PackageChange {
  readonly name: string;
  readonly layer: Layer;
  /** the installed version (null: not installed) */
  readonly from: string | null;
  /** the version after the import (null: removed) */
  readonly to: string | null;
  readonly change: "install" | "upgrade" | "downgrade" | "reinstall" | "unchanged" | "remove";
  /** components added, changed and removed, file by file */
  readonly files: readonly FileChange[];
}

/** Everything `loom import --dry-run` shows; `planId` names exactly this, against this target. */
export interface ImportPreview {
  readonly planId: string;
  /** nothing to do: the packages are installed exactly so and no parameter value is given */
  readonly unchanged: boolean;
  /** conflicts, problems or missing parameter values: the import cannot be applied as it is */
  readonly blocked: boolean;
  readonly currentRevision: number | null;
  readonly packages: readonly PackageChange[];
  /** the migration (null when blocked before a plan could be made) */
  readonly plan: PlanView | null;
  readonly checks: readonly RowCheckResult[];
  readonly referenceData: readonly ReferenceDataChange[];
  readonly parameters: {
    /** every declared parameter after the import, secrets masked */
    readonly statuses: readonly ParameterStatus[];
    /** parameters that would have no value: supply them in the profile */
    readonly missing: readonly string[];
    /** the names the profile sets */
    readonly given: readonly string[];
  };
  /** installed packages the import would break, each with what to do */
  readonly conflicts: readonly Conflict[];
  /** problems of the imported packages themselves (and of the profile) */
  readonly problems: readonly Issue[];
}

/** The preview, and what the apply needs of it. */
export interface PreparedImport {
  readonly preview: ImportPreview;
  readonly change: PreparedChange | null;
  /** the profile's values, checked */
  readonly values: Readonly<Record<string, ParameterValue>>;
  /** given packages that are new or whose files changed: their reference data applies */
  readonly changedPackages: readonly LoadedPackage[];
}

/**
 * Plans an import against the database as it is, changing nothing: packages and their files,
 * the migration with its row checks, reference data, parameters, conflicts with installed
 * packages. Blocking findings are reported, not thrown, so a dry run shows all of them at once.
 */
export async function prepareImport(db: Database, request: ImportRequest): Promise<PreparedImport> {
  await bootstrapSystemSchema(db);
  const installed = await db.run(installedPackages);
  const given = new Set(request.packages.map((pkg) => pkg.manifest.name));
  let change: PreparedChange | null = null;
  let compileIssues: readonly Issue[] = [];
  try {
    change = await prepareChange(db, request.packages, {
      exact: request.exact === true,
      dropColumns: "retire",
    });
  } catch (error) {
    if (!(error instanceof LoomError) || error.code !== "invalid-metadata") throw error;
    compileIssues = error.issues;
  }
  const versions = new Map(
    request.packages.map((pkg) => [pkg.manifest.name, pkg.manifest.version]),
  );
  const { conflicts, problems } = splitConflicts(compileIssues, given, versions);

  const packages = packageChanges(installed, request.packages, request.exact === true);
  const changedPackages = request.packages.filter((pkg) =>
    packages.some((p) => p.name === pkg.manifest.name && p.change !== "unchanged"),
  );
  const declared = change?.model.parameters ?? {};
  const profile = checkParameterValues(change ? declared : undefined, request.parameters ?? {});
  // without a model the profile cannot be checked: its issues would only repeat the conflicts
  if (change) problems.push(...profile.issues);

  const { checks, referenceData, stored } = await db.transaction(async (tx) => {
    await tx.raw("SET TRANSACTION READ ONLY");
    return {
      checks: change ? await runRowChecks(tx, change.plan) : [],
      referenceData: change
        ? await previewReferenceData(tx, {
            model: change.model,
            current: change.current?.model ?? null,
            packages: changedPackages,
          })
        : [],
      stored: await storedParameterValues(tx),
    };
  });
  const missing = change ? missingParameters(declared, stored, profile.values) : [];
  const statuses = parameterStatuses(
    declared,
    new Map([...stored, ...Object.entries(profile.values)]),
  );
  const givenNames = Object.keys(profile.values).sort();
  const blocked = conflicts.length > 0 || problems.length > 0 || missing.length > 0;
  const unchanged =
    !blocked &&
    change?.unchanged === true &&
    changedPackages.length === 0 &&
    givenNames.every((name) => stored.get(name) === profile.values[name]);

  const preview: Omit<ImportPreview, "planId"> = {
    unchanged,
    blocked,
    currentRevision: change?.current?.id ?? null,
    packages,
    plan: change ? planView(change.plan) : null,
    checks,
    referenceData,
    parameters: { statuses, missing, given: givenNames },
    conflicts,
    problems,
  };
  const planId = planIdOf(preview, change, request, declared);
  return {
    preview: { planId, ...preview },
    change,
    values: profile.values,
    changedPackages,
  };
}

/**
 * A short hash of what the import would do and of the target's state it was planned against: the
 * current revision, the packages' files, the plan with its row counts, the reference data rows
 * and the parameter values given (a secret by name only: its value never enters a plan id).
 */
function planIdOf(
  preview: Omit<ImportPreview, "planId">,
  change: PreparedChange | null,
  request: ImportRequest,
  declared: NonNullable<PreparedChange["model"]["parameters"]>,
): string {
  const parameters = Object.fromEntries(
    Object.entries(request.parameters ?? {}).map(([name, value]) => [
      name,
      declared[name]?.secret ? "(secret)" : value,
    ]),
  );
  return checksum({
    revision: change?.current ? [change.current.id, change.current.checksum] : null,
    exact: request.exact === true,
    packages: request.packages.map((pkg) => pkg.files),
    steps: change?.plan.steps.map((step) => step.sql) ?? [],
    checks: preview.checks.map((check) => [check.stepNo, check.count]),
    referenceData: preview.referenceData,
    parameters,
  }).slice(0, 16);
}

function packageChanges(
  installed: readonly InstalledPackage[],
  given: readonly LoadedPackage[],
  exact: boolean,
): PackageChange[] {
  const byName = new Map(installed.map((pkg) => [pkg.name, pkg]));
  const changes: PackageChange[] = given.map(({ manifest, files }) => {
    const before = byName.get(manifest.name);
    const fileChanges = diffPackageFiles(before?.files ?? {}, files);
    return {
      name: manifest.name,
      layer: manifest.layer,
      from: before?.version ?? null,
      to: manifest.version,
      change: !before
        ? "install"
        : fileChanges.length === 0
          ? "unchanged"
          : semver.gt(manifest.version, before.version)
            ? "upgrade"
            : semver.lt(manifest.version, before.version)
              ? "downgrade"
              : "reinstall",
      files: fileChanges,
    };
  });
  if (exact) {
    const kept = new Set(given.map((pkg) => pkg.manifest.name));
    for (const pkg of installed.filter((p) => !kept.has(p.name)))
      changes.push({
        name: pkg.name,
        layer: pkg.layer,
        from: pkg.version,
        to: null,
        change: "remove",
        files: diffPackageFiles(pkg.files, {}),
      });
  }
  return changes;
}
