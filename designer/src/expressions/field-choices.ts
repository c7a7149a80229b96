import type { ModelField } from "../workflow/workflow-model.ts";
import { operatorsFor } from "./conditions.ts";
import {
  type ExpressionScope,
  fieldsOf,
  resolveField,
  SYSTEM_MODEL_FIELDS,
} from "./expression-model.ts";

/** A field a condition may test, by its path from the scope's entity. */
export interface FieldChoice {
  readonly path: string;
  readonly field: ModelField;
}

/** Choices under a heading: the entity's own fields, a link's target's fields, the system columns. */
export interface ChoiceGroup {
  /** the link the group goes through; none for the entity's own fields and the system columns */
  readonly via?: ModelField;
  readonly system?: true;
  readonly choices: readonly FieldChoice[];
}

const testable = (field: ModelField) => operatorsFor(field.type).length > 0;
const isSystem = (field: ModelField) => SYSTEM_MODEL_FIELDS.some((s) => s.name === field.name);

/**
 * What the builder's field list offers: the entity's fields, then each link's target's fields
 * (one link away: `customer.region`), then the system columns; only fields a condition can test.
 */
export function fieldChoices(scope: ExpressionScope): ChoiceGroup[] {
  const all = fieldsOf(scope.model, scope.entity);
  const own = all.filter((field) => !isSystem(field));
  const groups: ChoiceGroup[] = [
    { choices: own.filter(testable).map((field) => ({ path: field.name, field })) },
  ];
  for (const link of own)
    if (link.type === "link" && link.target !== null) {
      const choices = (scope.model.entities.get(link.target)?.fields ?? [])
        .filter(testable)
        .map((field) => ({ path: `${link.name}.${field.name}`, field }));
      if (choices.length > 0) groups.push({ via: link, choices });
    }
  groups.push({
    system: true,
    choices: all.filter(isSystem).map((field) => ({ path: field.name, field })),
  });
  return groups;
}

/** The field at `path`, for the builder: through any number of links. */
export function choiceAt(scope: ExpressionScope, path: string): FieldChoice | undefined {
  const field = resolveField(scope.model, scope.entity, path);
  return field && testable(field) ? { path, field } : undefined;
}
