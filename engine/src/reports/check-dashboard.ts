import type { AppModel } from "../model/app-model.ts";
import { parameterIssues } from "./check-parameters.ts";
import type { ReportIssue } from "./check-report.ts";
import type { DashboardDef, ReportDef } from "./types.ts";

/** The grid's width in columns. */
export const GRID_COLUMNS = 12;

/**
 * Tiles name reports that exist and fit the 12-column grid; shared parameters are well formed and
 * have the type of every tile report's parameter of the same name (the value is passed to it).
 */
export function checkDashboard(
  def: DashboardDef,
  reports: ReadonlyMap<string, ReportDef>,
  model: AppModel,
): ReportIssue[] {
  const parameters = def.parameters ?? [];
  const issues = parameterIssues(parameters, model, "/parameters");
  def.tiles.forEach((tile, i) => {
    const at = `/tiles/${i}`;
    const report = reports.get(tile.report);
    if (!report) {
      issues.push({
        code: "unknown-report",
        path: `${at}/report`,
        message: `report "${tile.report}" is not defined by any package`,
      });
      return;
    }
    if (tile.x + tile.w > GRID_COLUMNS)
      issues.push({
        code: "tile-too-wide",
        path: `${at}/w`,
        message: `the tile ends at column ${tile.x + tile.w}, past the grid's ${GRID_COLUMNS} columns`,
      });
    for (const shared of parameters) {
      const own = report.parameters?.find((p) => p.name === shared.name);
      if (own && own.type !== shared.type)
        issues.push({
          code: "parameter-type-mismatch",
          path: `${at}/report`,
          message: `report "${report.name}" takes "${shared.name}" as ${own.type}, the dashboard gives ${shared.type}`,
        });
    }
  });
  return issues;
}
