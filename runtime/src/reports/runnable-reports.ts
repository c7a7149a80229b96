import {
  type AppModel,
  compileReport,
  type DashboardDef,
  LoomError,
  type ReportDef,
  type ReportSummary,
  resolveParameters,
} from "@loom/engine";
import type { Reader } from "../access/reader.ts";
import { reportAccess } from "./report-access.ts";

/**
 * What a caller may run: a report compiles for them (report on its root's document, read on every
 * entity a path crosses, no hidden path) — the same compile a run does, without the database. A
 * dashboard keeps the tiles of those reports and is listed while one is left.
 */
export function runnableReports(
  model: AppModel,
  reader: Reader,
  now: Date,
): { reports: ReportSummary[]; dashboards: DashboardDef[] } {
  const access = reportAccess(reader);
  const runnable = new Set<string>();
  const reports: ReportSummary[] = [];
  for (const report of Object.values(model.reports ?? {})) {
    if (!mayRun(report, model, reader, access, now)) continue;
    runnable.add(report.name);
    reports.push(summary(report));
  }
  const dashboards: DashboardDef[] = [];
  for (const { origin: _origin, ...dashboard } of Object.values(model.dashboards ?? {})) {
    const tiles = dashboard.tiles.filter((tile) => runnable.has(tile.report));
    if (tiles.length > 0) dashboards.push({ ...dashboard, tiles });
  }
  return { reports, dashboards };
}

/** A report as GET /api/reports lists it. */
export function summary(report: ReportDef): ReportSummary {
  return {
    name: report.name,
    labels: report.labels,
    ...(report.description && { description: report.description }),
    entity: report.entity,
    visualization: { type: report.visualization.type },
    parameters: report.parameters ?? [],
  };
}

function mayRun(
  report: ReportDef,
  model: AppModel,
  reader: Reader,
  access: ReturnType<typeof reportAccess>,
  now: Date,
): boolean {
  try {
    const { values } = resolveParameters(report.parameters ?? [], {}, now);
    compileReport({ report, model, access, parameters: values, user: reader.user, now });
    return true;
  } catch (error) {
    if (error instanceof LoomError) return false;
    throw error;
  }
}
