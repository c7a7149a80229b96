import { LoomError } from "@loom/engine";
import type { Database } from "../db/database.ts";
import { installedPackages } from "../store/installed-packages.ts";
import { bootstrapSystemSchema } from "../store/system-schema.ts";
import { type PackageFolder, stampPackage } from "./archive/index.ts";

/**
 * The installed packages named, as they would be exported: each file written the same way every
 * time and the manifest given the checksums of the others. Parameter values are not part of a
 * package, so no environment's value — a secret least of all — leaves with it.
 */
export async function exportPackages(
  db: Database,
  names: readonly string[],
): Promise<PackageFolder[]> {
  await bootstrapSystemSchema(db);
  const installed = await db.run(installedPackages);
  const missing = names.filter((name) => !installed.some((pkg) => pkg.name === name));
  if (missing.length > 0)
    throw new LoomError(
      "package-not-installed",
      `not installed: ${missing.join(", ")} (installed: ${installed.map((pkg) => `${pkg.name} ${pkg.version}`).join(", ") || "none"})`,
    );
  return names.map((name) => {
    const pkg = installed.find((p) => p.name === name)!;
    return { root: pkg.name, files: stampPackage(pkg.files) };
  });
}

/** `<name>-<version>.zip` for one package; `packages-<date>.zip` for a bundle. */
export function exportFileName(
  folders: readonly PackageFolder[],
  versions: ReadonlyMap<string, string>,
  now: Date,
): string {
  if (folders.length === 1) {
    const name = folders[0]!.root;
    return `${name}-${versions.get(name) ?? "0.0.0"}.zip`;
  }
  return `packages-${now.toISOString().slice(0, 10)}.zip`;
}
