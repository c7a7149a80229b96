import { type AppModel, type Entity, evaluate, isTruthy, type JsonLogic } from "@loom/engine";
import type { JsonRecord, WorkflowStatus } from "../api/types.ts";
import type { EntityAccess } from "../meta/permissions.ts";

/**
 * The field paths the user may not change on this record now: the workflow's state field and
 * the lifecycle fields (the workflow sets them), the fields the record's workflow step does not
 * open for editing (an existing record), and the role's read-only fields.
 */
export function lockedFields(
  model: AppModel,
  entity: Entity,
  access: EntityAccess,
  status: WorkflowStatus | null,
  isNew: boolean,
): Set<string> {
  const locked = new Set(access.readOnly);
  const workflow = model.workflows[entity.name];
  if (workflow) locked.add(workflow.stateField);
  if (entity.submittable) for (const name of ["docstatus", "amended_from"]) locked.add(name);
  if (!isNew && status) {
    const editable = new Set(status.editable);
    for (const field of entity.fields) if (!editable.has(field.name)) locked.add(field.name);
  }
  return locked;
}

/** Money fields, lines' included (`lines.amount`), for the money widget. */
export function moneyPaths(model: AppModel, entity: Entity, prefix = ""): Set<string> {
  const paths = new Set<string>();
  for (const field of entity.fields) {
    if (field.type === "money") paths.add(`${prefix}${field.name}`);
    const line = field.type === "table" && field.target ? model.entities[field.target] : undefined;
    if (line && prefix === "")
      for (const path of moneyPaths(model, line, `${field.name}.`)) paths.add(path);
  }
  return paths;
}

/**
 * A new record: the values of the fields' `defaultExpr` (e.g. today) and the workflow's first
 * state, as the server will set them.
 */
export function newRecord(model: AppModel, entity: Entity): JsonRecord {
  const record: JsonRecord = {};
  const workflow = model.workflows[entity.name];
  const initial = workflow?.nodes[workflow.initial];
  if (workflow && initial && "state" in initial && initial.state !== undefined)
    record[workflow.stateField] = initial.state;
  for (const field of entity.fields)
    if (field.defaultExpr !== undefined) record[field.name] = evaluate(field.defaultExpr, {});
  return record;
}

/** Is the field shown for the record as it is (`visibleIf`, evaluated by the engine)? */
export function isVisible(entity: Entity, name: string, record: JsonRecord): boolean {
  const condition = entity.fields.find((f) => f.name === name)?.visibleIf;
  if (condition === undefined) return true;
  try {
    return isTruthy(evaluate(condition as JsonLogic, record));
  } catch {
    return true;
  }
}
