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
): Promise<ExportedPackage[]> {
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
    return { root: pkg.name, version: pkg.version, files: stampPackage(pkg.files) };
  });
}

/** An exported package: its folder, and the version it was installed at. */
export interface ExportedPackage extends PackageFolder {
  readonly version: string;
}

/** `<name>-<version>.zip` for one package; `packages-<date>.zip` for a bundle. */
export function exportFileName(exported: readonly ExportedPackage[], now: Date): string {
  const [only] = exported;
  if (exported.length === 1 && only) return `${only.root}-${only.version}.zip`;
  return `packages-${now.toISOString().slice(0, 10)}.zip`;
}
