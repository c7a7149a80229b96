import type { Issue } from "@loom/engine";

/**
 * An installed package the import would break: it stays installed, so the import cannot go on
 * until a version of it that fits is imported together (or it is removed).
 */
export interface Conflict extends Issue {
  /** the installed package the issue is in */
  readonly package: string;
  /** what to do about it, in words IT can act on */
  readonly resolution: string;
}

/**
 * Splits the compile issues of an import: those inside an installed package the import does not
 * replace are conflicts (the base moved under a customization), the others are problems of the
 * imported packages themselves.
 */
export function splitConflicts(
  issues: readonly Issue[],
  imported: ReadonlySet<string>,
  importedVersions: ReadonlyMap<string, string>,
): { conflicts: Conflict[]; problems: Issue[] } {
  const conflicts: Conflict[] = [];
  const problems: Issue[] = [];
  for (const issue of issues) {
    if (issue.package === undefined || imported.has(issue.package)) problems.push(issue);
    else
      conflicts.push({
        ...issue,
        package: issue.package,
        resolution: resolution(issue, issue.package, importedVersions),
      });
  }
  return { conflicts, problems };
}

function resolution(
  issue: Issue,
  installed: string,
  importedVersions: ReadonlyMap<string, string>,
): string {
  const imported = [...importedVersions].map(([name, version]) => `${name} ${version}`).join(", ");
  const together = `then import its new version together with ${imported} (loom import <new packages…> <${installed}-new>), which replaces it in the same transaction`;
  switch (issue.code) {
    case "duplicate-field":
      return `the imported package now has a field of this name: in ${installed}, rename the custom field (a new name with "renamedFrom" set to the old one keeps its data) or remove it if the new base field replaces it; ${together}`;
    case "unknown-field":
      return `the imported package no longer has the field ${installed} refers to: remove or retarget that reference in ${installed}; ${together}`;
    case "unknown-entity":
      return `the imported package no longer has the entity ${installed} refers to: remove or retarget that reference in ${installed}; ${together}`;
    case "dependency-version":
      return `${installed} does not accept this version: widen its "dependsOn" range if it works with it; ${together}`;
    default:
      return `fix ${installed} for the new version; ${together}`;
  }
}
