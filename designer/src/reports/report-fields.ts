import { type FieldType, type Labels, WORKFLOW_TASKS, WORKFLOW_TASKS_ENTITY } from "@loom/engine";

import { type ExpressionModel, fieldsOf } from "../expressions/expression-model.ts";
import type { ModelField } from "../workflow/workflow-model.ts";
import type { Aggregate } from "./report-def.ts";

/** The built-in dataset over the workflow tasks (approval cycle time), as the engine names it. */
export { WORKFLOW_TASKS };

/** A field a report may group by or aggregate: its path from the root entity. */
export interface PathChoice {
  readonly path: string;
  readonly type: FieldType;
  /** the labels of each step of the path (null: the field has none, its name is shown) */
  readonly labels: readonly (Labels | null)[];
  /** the link (or `parent`) the path goes through; none for the root's own fields */
  readonly via?: string;
  /** select fields: option value → labels */
  readonly optionLabels?: Readonly<Record<string, Labels>>;
  /** link fields: the entity */
  readonly target?: string;
}

const NUMERIC: readonly FieldType[] = ["integer", "decimal", "money", "percent"];
const DATES: readonly FieldType[] = ["date", "datetime"];
/** what a report cannot group by or aggregate: lines, free JSON, several choices */
const UNREPORTABLE: readonly FieldType[] = ["table", "json", "multiselect"];

export const isNumeric = (type: FieldType) => NUMERIC.includes(type);
export const isDate = (type: FieldType) => DATES.includes(type);

/** The fields of the built-in `$workflow_tasks` dataset (the engine's), as the builder offers fields. */
export const WORKFLOW_TASK_FIELDS: readonly ModelField[] = WORKFLOW_TASKS_ENTITY.fields.map(
  (f) => ({
    name: f.name,
    labels: f.labels ?? null,
    type: f.type,
    options: (f.options ?? []).map((o) => o.value),
    optionLabels: Object.fromEntries((f.options ?? []).map((o) => [o.value, o.labels])),
    target: f.target ?? null,
  }),
);

/** The document whose lines `entity` holds (its table field's target), if it is a line entity. */
export function parentOf(model: ExpressionModel, entity: string): string | undefined {
  if (model.entities.get(entity)?.type !== "child") return undefined;
  for (const candidate of model.entities.values())
    if (candidate.fields.some((f) => f.type === "table" && f.target === entity))
      return candidate.name;
  return undefined;
}

function fieldsOfRoot(model: ExpressionModel, entity: string): readonly ModelField[] {
  return entity === WORKFLOW_TASKS ? WORKFLOW_TASK_FIELDS : fieldsOf(model, entity);
}

/**
 * What a dimension or measure may name: the root's own fields, each link's target's fields one
 * link away (`customer.region`), and for a line entity its document's (`parent.order_date`) and
 * theirs one link further (`parent.customer.region`).
 */
export function reportPaths(model: ExpressionModel, entity: string): PathChoice[] {
  const choices: PathChoice[] = [];
  const walk = (
    fields: readonly ModelField[],
    prefix: string,
    labels: readonly (Labels | null)[],
    via: string | undefined,
    depth: number,
  ) => {
    for (const f of fields) {
      if (UNREPORTABLE.includes(f.type)) continue;
      const path = `${prefix}${f.name}`;
      const trail = [...labels, f.labels];
      choices.push({
        path,
        type: f.type,
        labels: trail,
        ...(via !== undefined && { via }),
        ...(f.options.length > 0 && { optionLabels: f.optionLabels }),
        ...(f.target !== null && { target: f.target }),
      });
      if (depth === 0 && f.type === "link" && f.target !== null)
        later.push(() =>
          walk(fieldsOf(model, f.target!), `${path}.`, trail, via ?? path, depth + 1),
        );
    }
  };
  const later: (() => void)[] = [];
  walk(fieldsOfRoot(model, entity), "", [], undefined, 0);
  // the root's own fields first, then those through its links
  for (const step of later.splice(0)) step();
  const parent = parentOf(model, entity);
  if (parent !== undefined) {
    const labels = [model.entities.get(parent)?.labels ?? null];
    walk(fieldsOf(model, parent), "parent.", labels, "parent", 0);
    for (const step of later.splice(0)) step();
  }
  return choices;
}

/** The aggregates a measure may apply to a field of `type` (undefined: no field, count only). */
export function aggregatesFor(type: FieldType | undefined): Aggregate[] {
  if (type === undefined) return ["count"];
  if (isNumeric(type)) return ["sum", "avg", "min", "max", "distinct", "count"];
  if (isDate(type)) return ["min", "max", "distinct", "count"];
  return ["distinct", "count"];
}

/** The entities a report may be over: documents, line entities, and the workflow tasks. */
export function reportEntities(
  model: ExpressionModel,
): { name: string; labels: Labels | null; line: boolean }[] {
  const entities = [...model.entities.values()]
    .filter((e) => e.type === undefined || e.type === "child" || e.type === "tree")
    .map((e) => ({ name: e.name, labels: e.labels, line: e.type === "child" }));
  return [...entities, { name: WORKFLOW_TASKS, labels: WORKFLOW_TASKS_ENTITY.labels, line: false }];
}
