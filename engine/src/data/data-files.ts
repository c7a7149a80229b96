import type { Issue } from "../errors.ts";
import { issueAt } from "../layer/apply-layers.ts";
import type { Loc } from "../layer/working-model.ts";
import type { DataDef, LoadedPackage } from "../metadata/types.ts";

/** A reference-data file and the package it belongs to. */
export interface DataFile {
  readonly package: string;
  readonly file: string;
  readonly def: DataDef;
}

/**
 * The data files of every package, in the order given (dependency order when the caller ordered
 * them), files of one package by path. A package brings the rows of an entity in one file, so
 * that a key's row is never written twice by one import.
 */
export function collectDataFiles(packages: readonly LoadedPackage[]): {
  files: DataFile[];
  issues: Issue[];
} {
  const files: DataFile[] = [];
  const issues: Issue[] = [];
  for (const pkg of packages) {
    const name = pkg.manifest.name;
    const byEntity = new Map<string, string>();
    const components = [...pkg.components].sort((a, b) => (a.file < b.file ? -1 : 1));
    for (const { file, def } of components) {
      if (def.kind !== "data") continue;
      const earlier = byEntity.get(def.entity);
      if (earlier !== undefined) {
        issues.push(
          issueAt(
            { package: name, file, pointer: "/entity" },
            "duplicate-data",
            `the rows of "${def.entity}" are already in ${name}/${earlier}; a package brings an entity's rows in one file: merge the two`,
          ),
        );
        continue;
      }
      byEntity.set(def.entity, file);
      files.push({ package: name, file, def });
    }
  }
  return { files, issues };
}

export function locOf(file: DataFile, pointer: string): Loc {
  return { package: file.package, file: file.file, pointer };
}
