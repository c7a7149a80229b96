import semver from "semver";
import type { Issue } from "../errors.ts";
import { MANIFEST_FILE } from "../load/parse-package.ts";
import type { LoadedPackage } from "../metadata/types.ts";

/**
 * Checks the packages form a consistent set (unique names, every dependency present in a version
 * its range accepts, base packages depending only on base packages, no cycles) and returns them
 * dependencies-first, the order in which layers apply.
 */
export function orderPackages(packages: readonly LoadedPackage[]): {
  ordered: LoadedPackage[];
  issues: Issue[];
} {
  const issues: Issue[] = [];
  const byName = new Map<string, LoadedPackage>();
  for (const pkg of packages) {
    const name = pkg.manifest.name;
    if (byName.has(name)) {
      issues.push(
        manifestIssue(pkg, "duplicate-package", `package "${name}" is given twice`, "/name"),
      );
      continue;
    }
    byName.set(name, pkg);
  }

  for (const pkg of byName.values()) {
    for (const [dependency, range] of Object.entries(pkg.manifest.dependsOn ?? {})) {
      const pointer = `/dependsOn/${dependency}`;
      const target = byName.get(dependency);
      if (!semver.validRange(range)) {
        issues.push(
          manifestIssue(
            pkg,
            "bad-range",
            `"${range}" is not a semver range (e.g. "^1.2.0")`,
            pointer,
          ),
        );
      } else if (!target) {
        issues.push(
          manifestIssue(
            pkg,
            "missing-dependency",
            `depends on package "${dependency}" (${range}), which is not installed; install it first or together`,
            pointer,
          ),
        );
      } else if (!semver.satisfies(target.manifest.version, range)) {
        issues.push(
          manifestIssue(
            pkg,
            "dependency-version",
            `needs "${dependency}" ${range} but ${target.manifest.version} is installed`,
            pointer,
          ),
        );
      } else if (pkg.manifest.layer === "base" && target.manifest.layer === "customization") {
        issues.push(
          manifestIssue(
            pkg,
            "layer-order",
            `a base package cannot depend on the customization package "${dependency}"`,
            pointer,
          ),
        );
      }
    }
  }

  const ordered: LoadedPackage[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (pkg: LoadedPackage, trail: string[]): void => {
    const name = pkg.manifest.name;
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") {
      issues.push(
        manifestIssue(
          pkg,
          "dependency-cycle",
          `packages depend on each other in a cycle: ${[...trail, name].join(" → ")}`,
          "/dependsOn",
        ),
      );
      return;
    }
    state.set(name, "visiting");
    for (const dependency of Object.keys(pkg.manifest.dependsOn ?? {}).sort()) {
      const target = byName.get(dependency);
      if (target) visit(target, [...trail, name]);
    }
    state.set(name, "done");
    ordered.push(pkg);
  };
  for (const name of [...byName.keys()].sort()) visit(byName.get(name)!, []);
  return { ordered, issues };
}

function manifestIssue(pkg: LoadedPackage, code: string, message: string, path: string): Issue {
  return { code, message, package: pkg.manifest.name, file: MANIFEST_FILE, path };
}

/** Names of every package `name` depends on, directly or not. */
export function dependencyClosure(
  name: string,
  packages: ReadonlyMap<string, LoadedPackage>,
): Set<string> {
  const closure = new Set<string>();
  const stack = Object.keys(packages.get(name)?.manifest.dependsOn ?? {});
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (closure.has(next)) continue;
    closure.add(next);
    stack.push(...Object.keys(packages.get(next)?.manifest.dependsOn ?? {}));
  }
  return closure;
}
