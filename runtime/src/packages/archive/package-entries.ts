import { LoomError } from "@loom/engine";
import { EntrySet } from "./entry-set.ts";
import { archiveLimits } from "./limits.ts";
import { MANIFEST, manifestName, type PackageFolder } from "./package-folder.ts";

/**
 * Where each file of the packages goes in an archive or folder: one package at the top; several
 * each under `<root>/` (its manifest's name when it has no root). Refused (`export-refused`) when
 * a name could not be read back safely: the writer never makes an archive the reader refuses.
 */
export function packageEntries(folders: readonly PackageFolder[]): Map<string, string> {
  if (folders.length === 0)
    throw new LoomError("export-refused", "there is no package to write: name at least one");
  const entries = new Map<string, string>();
  const check = new EntrySet(archiveLimits());
  for (const folder of folders) {
    const prefix = folders.length === 1 ? "" : `${bundleFolder(folder)}/`;
    for (const [file, text] of Object.entries(folder.files)) {
      const name = `${prefix}${file}`;
      if (check.admitFile(name)) entries.set(name, text);
    }
  }
  check.checkFolderClashes();
  if (check.issues.length > 0)
    throw new LoomError(
      "export-refused",
      `the packages cannot be written: ${check.issues[0]!.path}: ${check.issues[0]!.message}`,
      check.issues,
    );
  return new Map([...entries].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function bundleFolder(folder: PackageFolder): string {
  const name = folder.root || manifestName(folder.files[MANIFEST]);
  if (!name || name.includes("/"))
    throw new LoomError(
      "export-refused",
      `a package of a bundle needs a root folder (one name, no "/") or a manifest name: ${JSON.stringify(folder.root)} is neither`,
    );
  return name;
}
