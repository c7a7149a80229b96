import path from "node:path";
import {
  type AppModel,
  compileApp,
  type Issue,
  type LoadedPackage,
  LoomError,
  parsePackage,
} from "@loom/engine";
import { readPackageDir } from "./read-package-dir.ts";

/** A package folder on disk, or a package already loaded (tests, the designer, an import). */
export type PackageSource = string | LoadedPackage;

/**
 * Loads every source, reporting the issues of all of them, not just the first. Issues of a folder
 * name the file by its path on disk (`pkgdir/entities/item.json`), so a terminal or editor can
 * open it at the line and column.
 */
export async function loadPackages(sources: readonly PackageSource[]): Promise<{
  packages: LoadedPackage[];
  issues: Issue[];
  /** rewrites issues from a later stage (compile) the same way */
  locate: (issues: readonly Issue[]) => Issue[];
}> {
  const packages: LoadedPackage[] = [];
  const issues: Issue[] = [];
  const dirs = new Map<string, string>();
  for (const source of sources) {
    if (typeof source !== "string") {
      packages.push(source);
      continue;
    }
    const { package: loaded, issues: found } = parsePackage(await readPackageDir(source));
    issues.push(...found.map((issue) => inDir(issue, source)));
    if (loaded) {
      packages.push(loaded);
      dirs.set(loaded.manifest.name, source);
    }
  }
  const locate = (later: readonly Issue[]): Issue[] =>
    later.map((issue) => {
      const dir = issue.package === undefined ? undefined : dirs.get(issue.package);
      return dir === undefined ? issue : inDir(issue, dir);
    });
  return { packages, issues, locate };
}

/** Loads and compiles the given packages on their own: what `loom validate` checks. */
export async function validatePackages(
  sources: readonly PackageSource[],
): Promise<{ model?: AppModel; packages: LoadedPackage[]; issues: Issue[] }> {
  const { packages, issues, locate } = await loadPackages(sources);
  if (issues.length > 0) return { packages, issues };
  const compiled = compileApp(packages);
  return { model: compiled.model, packages, issues: locate(compiled.issues) };
}

function inDir(issue: Issue, dir: string): Issue {
  return issue.file === undefined ? issue : { ...issue, file: path.join(dir, issue.file) };
}

/** The sources loaded, or `invalid-metadata` with every issue of every one of them. */
export async function loadPackageSources(
  sources: readonly PackageSource[],
): Promise<LoadedPackage[]> {
  const { packages, issues } = await loadPackages(sources);
  if (issues.length > 0) throw invalidMetadata(issues);
  return packages;
}

export function invalidMetadata(issues: readonly Issue[]): LoomError {
  const count = issues.length;
  return new LoomError(
    "invalid-metadata",
    `the packages have ${count} problem${count === 1 ? "" : "s"}`,
    issues,
  );
}
