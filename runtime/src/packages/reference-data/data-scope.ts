import {
  type AppModel,
  type LoadedPackage,
  type OrderedDataFile,
  type ReferenceDataPlan,
  referenceDataPlan,
} from "@loom/engine";
import type { Knex } from "knex";
import { installedPackages, loadInstalled } from "../../store/installed-packages.ts";

/** The reference data an import writes, and the keys of every data file it may link to. */
export interface DataScope {
  /** every data file of the installation after the import, in write order, and their keys */
  readonly plan: ReferenceDataPlan;
  /** the imported packages' data files, in write order */
  readonly files: readonly OrderedDataFile[];
  /** the imported packages' names */
  readonly imported: ReadonlySet<string>;
}

/**
 * The imported packages' data files within the whole installation after the import: the
 * packages installed now, those imported replacing them by name, restricted to the model's
 * packages (a rollback removes some). A link may name a row of a package that is not imported,
 * so its key comes from the installed files. The installed packages are read only when an
 * imported package has data.
 */
export async function dataScope(
  conn: Knex,
  model: AppModel,
  packages: readonly LoadedPackage[],
): Promise<DataScope> {
  const imported = new Set(packages.map((pkg) => pkg.manifest.name));
  const hasData = packages.some((pkg) => pkg.components.some(({ def }) => def.kind === "data"));
  if (!hasData) return { plan: { files: [], keys: new Map() }, files: [], imported };
  const inModel = new Set(model.packages.map((pkg) => pkg.name));
  const others = (await installedPackages(conn)).filter(
    (pkg) => !imported.has(pkg.name) && inModel.has(pkg.name),
  );
  const plan = referenceDataPlan([...loadInstalled(others), ...packages], model);
  return { plan, files: plan.files.filter((file) => imported.has(file.package)), imported };
}
