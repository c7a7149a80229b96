import type { Entity } from "../model/app-model.ts";
import type { Workflow } from "./types.ts";

/**
 * The entities with each workflow's state field made the workflow's own: read-only (clients
 * cannot set it; values they send are ignored like any server-set field) and defaulting to the
 * initial node's state, so a new record starts where its workflow does.
 */
export function bindStateFields(
  entities: Readonly<Record<string, Entity>>,
  workflows: Readonly<Record<string, Workflow>>,
): Record<string, Entity> {
  const bound: Record<string, Entity> = { ...entities };
  for (const workflow of Object.values(workflows)) {
    const entity = bound[workflow.entity]!;
    const initial = workflow.nodes[workflow.initial];
    if (initial?.type !== "state") continue;
    bound[workflow.entity] = {
      ...entity,
      fields: entity.fields.map((field) =>
        field.name === workflow.stateField
          ? { ...field, readOnly: true, default: initial.state }
          : field,
      ),
    };
  }
  return bound;
}
