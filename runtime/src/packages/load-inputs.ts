import { type Issue, type LoadedPackage, LoomError, parsePackage } from "@loom/engine";
import { type PackageFolder, readPackageInput } from "./archive/index.ts";

/**
 * Package archives or folders (paths, or zip bytes received over HTTP) → loaded packages. Hostile
 * archives are refused by the reader; every metadata problem of every package is reported at
 * once (`invalid-metadata`), each naming its package, file, line and column.
 */
export async function loadImportInputs(
  inputs: readonly (string | Uint8Array)[],
): Promise<LoadedPackage[]> {
  const folders: PackageFolder[] = [];
  for (const input of inputs) folders.push(...(await readPackageInput(input)));
  return loadFolders(folders);
}

export function loadFolders(folders: readonly PackageFolder[]): LoadedPackage[] {
  const packages: LoadedPackage[] = [];
  const issues: Issue[] = [];
  for (const folder of folders) {
    const { package: loaded, issues: found } = parsePackage(folder.files);
    issues.push(
      ...found.map((issue) =>
        folder.root && issue.file ? { ...issue, file: `${folder.root}/${issue.file}` } : issue,
      ),
    );
    if (loaded) packages.push(loaded);
  }
  if (issues.length > 0)
    throw new LoomError(
      "invalid-metadata",
      `the packages have ${issues.length} problem${issues.length === 1 ? "" : "s"}`,
      issues,
    );
  return packages;
}
