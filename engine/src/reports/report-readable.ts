import type { AppModel } from "../model/app-model.ts";
import { documentOf } from "./drill-where.ts";
import { datasetModel } from "./report-dataset.ts";
import { resolveReportPath } from "./report-paths.ts";
import { recordPaths } from "./report-variables.ts";
import type { ReportDef } from "./types.ts";
import { WORKFLOW_TASKS } from "./workflow-tasks-dataset.ts";

/**
 * Whether every path a report reads still resolves in a model cut to what some roles may read
 * (entities they cannot read gone, hidden fields gone) and the roles may report on its root's
 * document (`mayReport`; `$workflow_tasks` has none): what the menu of those roles may offer.
 * The runtime's /api/reports decides for good (row scopes too).
 */
export function reportReadable(
  def: ReportDef,
  model: AppModel,
  mayReport: (document: string) => boolean = () => true,
): boolean {
  const dataset = datasetModel(model);
  if (!Object.hasOwn(dataset.entities, def.entity)) return false;
  const document = documentOf(def.entity, dataset).entity;
  if (def.entity !== WORKFLOW_TASKS && (document === undefined || !mayReport(document)))
    return false;
  const paths = [
    ...(def.dimensions ?? []).map((d) => d.field),
    ...def.measures.flatMap((m) => (m.field === undefined ? [] : [m.field])),
    ...(def.period ? [def.period.field] : []),
    ...(def.filter === undefined ? [] : recordPaths(def.filter).map((ref) => ref.name)),
  ];
  return paths.every((path) => resolveReportPath(dataset, def.entity, path).ok);
}
