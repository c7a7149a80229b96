import type { Issue } from "../errors.ts";
import { issueAt } from "../layer/apply-layers.ts";
import type { LoadedPackage } from "../metadata/types.ts";
import type { Working } from "../ui/collect-ui.ts";
import type { DashboardDef, ReportDef } from "./types.ts";

export interface WorkingReports {
  readonly reports: ReadonlyMap<string, Working<ReportDef>>;
  readonly dashboards: ReadonlyMap<string, Working<DashboardDef>>;
}

/** The report and dashboard files of every package, by name: a name used twice is an issue naming both files. */
export function collectReports(ordered: readonly LoadedPackage[]): {
  reports: WorkingReports;
  issues: Issue[];
} {
  const reports = new Map<string, Working<ReportDef>>();
  const dashboards = new Map<string, Working<DashboardDef>>();
  const issues: Issue[] = [];
  const keep = <T extends { name: string }>(
    found: Map<string, Working<T>>,
    working: Working<T>,
    what: string,
  ): void => {
    const existing = found.get(working.def.name);
    if (existing) {
      issues.push(
        issueAt(
          { ...working.loc, pointer: "/name" },
          `duplicate-${what}`,
          `${what} "${working.def.name}" is already defined in ${existing.loc.package}/${existing.loc.file}; ${what} names are unique across packages`,
        ),
      );
      return;
    }
    found.set(working.def.name, working);
  };
  for (const pkg of ordered) {
    for (const { file, def } of pkg.components) {
      const loc = { package: pkg.manifest.name, file, pointer: "" };
      if (def.kind === "report") keep(reports, { def, loc }, "report");
      else if (def.kind === "dashboard") keep(dashboards, { def, loc }, "dashboard");
    }
  }
  return { reports: { reports, dashboards }, issues };
}
