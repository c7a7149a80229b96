import type { Issue } from "../errors.ts";
import { issueAt } from "../layer/apply-layers.ts";
import type { AppModel } from "../model/app-model.ts";
import { checkDashboard } from "./check-dashboard.ts";
import { checkReport } from "./check-report.ts";
import type { WorkingReports } from "./collect-reports.ts";
import type { Dashboard, Report, ReportDef } from "./types.ts";

/**
 * Checked reports and dashboards → `AppModel.reports` and `.dashboards` (alphabetical, each with
 * its origin). Checked against the finished model: entities, views and parameters resolved.
 */
export function compileReports(
  working: WorkingReports,
  model: AppModel,
): { reports: Record<string, Report>; dashboards: Record<string, Dashboard>; issues: Issue[] } {
  const issues: Issue[] = [];
  const defs = new Map<string, ReportDef>();
  for (const [name, { def }] of working.reports) defs.set(name, def);
  const reports: Record<string, Report> = {};
  for (const name of [...working.reports.keys()].sort()) {
    const { def, loc } = working.reports.get(name)!;
    for (const issue of checkReport(def, model))
      issues.push(issueAt({ ...loc, pointer: issue.path }, issue.code, issue.message));
    reports[name] = { ...def, origin: { package: loc.package, file: loc.file } };
  }
  const dashboards: Record<string, Dashboard> = {};
  for (const name of [...working.dashboards.keys()].sort()) {
    const { def, loc } = working.dashboards.get(name)!;
    for (const issue of checkDashboard(def, defs, model))
      issues.push(issueAt({ ...loc, pointer: issue.path }, issue.code, issue.message));
    dashboards[name] = { ...def, origin: { package: loc.package, file: loc.file } };
  }
  return { reports, dashboards, issues };
}
