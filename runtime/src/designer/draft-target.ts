import { type Layer, MANIFEST_FILE, type PackageManifest } from "@loom/engine";
import type { InstalledPackage } from "../store/installed-packages.ts";
import type { Files } from "./draft-store.ts";

/** The package a new draft edits: its name, layer and files as installed (null: a new package). */
export interface DraftTarget {
  readonly package: string;
  readonly layer: Layer;
  readonly baseFiles: Files | null;
}

/** The name of the customization package the designer creates when none is installed. */
export const NEW_CUSTOMIZATION = "customizations";

/**
 * What the designer edits: the customization layer, so that a later upgrade of a base package
 * keeps every change a consultant made (a field added to a base entity becomes an
 * `entity-extension` there). With several customization packages, the one installed last; with
 * none, a new one depending on every installed base package; on an empty installation, a new
 * base package (there is nothing to customize yet).
 */
export function draftTarget(installed: readonly InstalledPackage[]): DraftTarget {
  const customizations = installed
    .filter((pkg) => pkg.layer === "customization")
    .sort(
      (a, b) => b.installedAt.getTime() - a.installedAt.getTime() || a.name.localeCompare(b.name),
    );
  const chosen = customizations[0];
  if (chosen) return { package: chosen.name, layer: chosen.layer, baseFiles: chosen.files };
  const taken = new Set(installed.map((pkg) => pkg.name));
  let name = NEW_CUSTOMIZATION;
  for (let n = 2; taken.has(name); n++) name = `${NEW_CUSTOMIZATION}-${n}`;
  return {
    package: name,
    layer: installed.length === 0 ? "base" : "customization",
    baseFiles: null,
  };
}

/** The files a draft of a package that does not exist yet starts with: its manifest. */
export function newPackageFiles(
  target: DraftTarget,
  installed: readonly InstalledPackage[],
): Files {
  const bases = installed.filter((pkg) => pkg.layer === "base");
  const manifest: PackageManifest = {
    kind: "package",
    name: target.package,
    version: "0.1.0",
    layer: target.layer,
    labels: { en: "Customizations", "zh-CN": "定制" },
    ...(bases.length > 0 && {
      dependsOn: Object.fromEntries(bases.map((pkg) => [pkg.name, `^${pkg.version}`])),
    }),
  };
  return { [MANIFEST_FILE]: `${JSON.stringify(manifest, null, 2)}\n` };
}
