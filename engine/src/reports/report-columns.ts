import type { DatasetModel } from "./report-dataset.ts";
import { NUMERIC_TYPES, resolveReportPath } from "./report-paths.ts";
import type { ReportColumn, ReportDef } from "./types.ts";

/** The columns of a report's rows: its dimensions in order, then its measures, with their types. */
export function reportColumns(def: ReportDef, model: DatasetModel): ReportColumn[] {
  const fieldOf = (path: string) => {
    const resolved = resolveReportPath(model, def.entity, path);
    return resolved.ok ? resolved.steps.at(-1)!.field : undefined;
  };
  const columns: ReportColumn[] = [];
  for (const d of def.dimensions ?? []) {
    const field = fieldOf(d.field);
    columns.push({
      name: d.name,
      kind: "dimension",
      labels: d.labels ?? field?.labels ?? { en: d.name },
      type: d.bucket ? "date" : (field?.type ?? "text"),
      ...(d.bucket && { bucket: d.bucket }),
      ...(field?.type === "link" && field.target !== undefined && { target: field.target }),
    });
  }
  for (const m of def.measures) {
    const type = m.field === undefined ? undefined : fieldOf(m.field)?.type;
    columns.push({
      name: m.name,
      kind: "measure",
      labels: m.labels,
      type: measureType(m.aggregate, type),
      aggregate: m.aggregate,
      ...(m.format && { format: m.format }),
    });
  }
  return columns;
}

function measureType(aggregate: string, fieldType: string | undefined): string {
  if (aggregate === "count" || aggregate === "distinct" || fieldType === undefined)
    return "integer";
  // the average of whole numbers is not a whole number
  if (aggregate === "avg" && fieldType === "integer") return "decimal";
  return NUMERIC_TYPES.some((t) => t === fieldType) || aggregate !== "sum" ? fieldType : "decimal";
}
