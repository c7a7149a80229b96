import type { Labels } from "@loom/engine";
import { type DesignContext, isObject, readComponents } from "../draft/design-context.ts";
import { type ModelEntity, workflowModel } from "../workflow/workflow-model.ts";

/** A field a grant may hide or make read-only: `margin`, or a line field `lines.unit_price`. */
export interface FieldPath {
  readonly path: string;
  /** the labels of each step: the table field's, then the line field's */
  readonly labels: readonly (Labels | null)[];
}

/** A workflow action a grant may allow: an action edge of the entity's workflow. */
export interface WorkflowAction {
  readonly name: string;
  readonly labels: Labels | null;
}

/** An entity a grant may name (a document: lines come with it), with what a grant may list. */
export interface GrantTarget {
  readonly name: string;
  readonly labels: Labels | null;
  readonly paths: readonly FieldPath[];
  readonly workflowActions: readonly WorkflowAction[];
}

/**
 * What the role matrix has rows for: every entity that is not a child entity (those hold the
 * lines of a document and are granted with it), by name. Read from the components as written,
 * like the workflow designer does, so the matrix stays usable while the draft has problems.
 */
export function grantTargets(ctx: DesignContext): GrantTarget[] {
  const packages = [
    { name: ctx.draft.name, own: true, components: readComponents(ctx.draft.files) },
    ...ctx.bases.map((base) => ({ name: base.name, own: false, components: base.components })),
  ];
  const { entities } = workflowModel(packages);
  const byName = new Map(entities.map((entity) => [entity.name, entity]));
  const workflows = packages.flatMap((pkg) =>
    pkg.components.map((c) => c.value).filter((value) => value.kind === "workflow"),
  );
  return entities
    .filter((entity) => entity.type !== "child")
    .map((entity) => ({
      name: entity.name,
      labels: entity.labels,
      paths: fieldPaths(entity, byName, undefined, []),
      workflowActions: actionsOf(
        entity,
        workflows.filter((wf) => wf.entity === entity.name),
      ),
    }));
}

/** The entity's fields, each table field followed by its lines' fields (deeper tables too). */
function fieldPaths(
  entity: ModelEntity,
  entities: ReadonlyMap<string, ModelEntity>,
  above: FieldPath | undefined,
  seen: readonly string[],
): FieldPath[] {
  return entity.fields.flatMap((field) => {
    const here: FieldPath = {
      path: above ? `${above.path}.${field.name}` : field.name,
      labels: [...(above?.labels ?? []), field.labels],
    };
    const lines = field.type === "table" && field.target ? entities.get(field.target) : undefined;
    if (!lines || seen.includes(lines.name)) return [here];
    return [here, ...fieldPaths(lines, entities, here, [...seen, entity.name])];
  });
}

/**
 * The actions of the entity's workflow edges, once each; a submittable entity without a
 * workflow follows the engine's lifecycle, whose actions are submit and cancel.
 */
function actionsOf(
  entity: ModelEntity,
  workflows: readonly Readonly<Record<string, unknown>>[],
): WorkflowAction[] {
  const found = new Map<string, WorkflowAction>();
  for (const workflow of workflows)
    for (const edge of Array.isArray(workflow.edges) ? workflow.edges : [])
      if (isObject(edge) && typeof edge.action === "string" && !found.has(edge.action))
        found.set(edge.action, {
          name: edge.action,
          labels: isObject(edge.labels) ? (edge.labels as unknown as Labels) : null,
        });
  if (workflows.length === 0 && entity.submittable)
    for (const name of ["submit", "cancel"]) found.set(name, { name, labels: null });
  return [...found.values()];
}
