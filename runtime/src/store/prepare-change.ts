import {
  type AppModel,
  compileApp,
  diffPackageFiles,
  type LoadedPackage,
  type MigrationPlan,
  planMigration,
} from "@loom/engine";
import type { Database } from "../db/database.ts";
import { listRetiredColumns } from "../packages/retired-columns.ts";
import { checksum } from "./checksum.ts";
import { installedPackages, loadInstalled } from "./installed-packages.ts";
import { invalidMetadata, loadPackages, type PackageSource } from "./load-packages.ts";
import { currentRevision, type Revision } from "./revisions.ts";
import { bootstrapSystemSchema } from "./system-schema.ts";

/** Everything decided before a change touches the database: what `loom plan` shows. */
export interface PreparedChange {
  /** the revision the plan starts from (null: nothing applied yet) */
  current: Revision | null;
  /** the packages given, as they will be stored */
  given: LoadedPackage[];
  model: AppModel;
  checksum: string;
  /**
   * true when nothing would change: the compiled model is the current revision's and every given
   * package's files are the installed ones (in meaning: formatting aside), and with `exact` no
   * installed package would be removed. A package whose reference data alone changed is a change.
   */
  unchanged: boolean;
  plan: MigrationPlan;
}

const EMPTY_PLAN: MigrationPlan = { steps: [], dataLosing: false };

export interface PrepareOptions {
  exact: boolean;
  /** columns no field continues: dropped (default, data-losing) or retired (kept, hidden) */
  dropColumns?: "drop" | "retire";
}

/**
 * The installed packages with the given ones added or replaced (by name) → compile → plan against
 * the current revision; with `exact`, the given packages alone (the others are to be removed).
 * Throws LoomError `invalid-metadata` with every issue found.
 */
export async function prepareChange(
  db: Database,
  sources: readonly PackageSource[],
  options: PrepareOptions = { exact: false },
): Promise<PreparedChange> {
  const { packages: given, issues, locate } = await loadPackages(sources);
  if (issues.length > 0) throw invalidMetadata(issues);

  await bootstrapSystemSchema(db);
  const { current, installed, retired } = await db.run(async (conn) => ({
    current: await currentRevision(conn),
    installed: await installedPackages(conn),
    // a field that comes back takes its retired column back, whatever the apply
    retired: await listRetiredColumns(conn),
  }));
  const givenNames = new Set(given.map((pkg) => pkg.manifest.name));
  const kept = options.exact
    ? []
    : loadInstalled(installed.filter((pkg) => !givenNames.has(pkg.name)));

  const compiled = compileApp([...kept, ...given]);
  if (!compiled.model) throw invalidMetadata(locate(compiled.issues));
  const model = compiled.model;
  const modelChecksum = checksum(model);
  const installedFiles = new Map(installed.map((pkg) => [pkg.name, pkg.files]));
  const sameFiles = given.every((pkg) => {
    const files = installedFiles.get(pkg.manifest.name);
    return files !== undefined && diffPackageFiles(files, pkg.files).length === 0;
  });
  const removesNone = !options.exact || installed.every((pkg) => givenNames.has(pkg.name));
  const unchanged = current?.checksum === modelChecksum && sameFiles && removesNone;
  return {
    current,
    given,
    model,
    checksum: modelChecksum,
    unchanged,
    plan:
      current?.checksum === modelChecksum
        ? EMPTY_PLAN
        : planMigration(current?.model ?? null, model, {
            dropColumns: options.dropColumns ?? "drop",
            retired,
          }),
  };
}
