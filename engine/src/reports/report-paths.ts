import { resolvePath } from "../expr/resolve-path.ts";
import type { FieldType } from "../metadata/types.ts";
import type { DatasetEntity, DatasetField, DatasetModel } from "./report-dataset.ts";
import type { Aggregate } from "./types.ts";

/** One step of a path: the entity it stands on and the field it reads there. */
export interface PathStep {
  readonly entity: DatasetEntity;
  readonly field: DatasetField;
}

export type ReportPath =
  | { readonly ok: true; readonly path: string; readonly steps: readonly PathStep[] }
  | { readonly ok: false; readonly message: string };

/** A dotted path from the report's root: every segment but the last a link (or a line's `parent`). */
export function resolveReportPath(model: DatasetModel, root: string, path: string): ReportPath {
  const resolved = resolvePath(model, root, path);
  if (!resolved.ok) return resolved;
  // resolvePath walks DatasetModel's own entities, so every step's entity is a DatasetEntity
  return { ok: true, path, steps: resolved.steps as readonly PathStep[] };
}

export const NUMERIC_TYPES: readonly FieldType[] = ["integer", "decimal", "money", "percent"];
const TIME_TYPES: readonly FieldType[] = ["date", "datetime"];
/** No single comparable value per row (or too long to group by). */
const UNGROUPABLE: readonly FieldType[] = ["table", "multiselect", "json", "longtext"];
const UNCOUNTABLE: readonly FieldType[] = ["table", "multiselect", "json"];

export function isTimeType(type: FieldType): boolean {
  return TIME_TYPES.includes(type);
}

/** Why a field cannot be a dimension, or undefined when it can. */
export function groupProblem(field: DatasetField, path: string): string | undefined {
  return UNGROUPABLE.includes(field.type) || field.column === undefined
    ? `a report cannot group by "${path}", a ${field.type} field`
    : undefined;
}

/** Why an aggregate cannot run over a field, or undefined when it can. */
export function aggregateProblem(
  aggregate: Aggregate,
  field: DatasetField,
  path: string,
): string | undefined {
  if (UNCOUNTABLE.includes(field.type) || field.column === undefined)
    return `a report cannot aggregate "${path}", a ${field.type} field`;
  if ((aggregate === "sum" || aggregate === "avg") && !NUMERIC_TYPES.includes(field.type))
    return `${aggregate} needs a number; "${path}" is a ${field.type} field (numbers: ${NUMERIC_TYPES.join(", ")})`;
  if (
    (aggregate === "min" || aggregate === "max") &&
    (field.type === "boolean" || field.type === "longtext" || field.type === "link")
  )
    return `${aggregate} needs numbers, dates or text; "${path}" is a ${field.type} field`;
  return undefined;
}
