import { joinPointer } from "../load/json-source.ts";
import type { JsonLogic, ParameterType } from "../metadata/types.ts";
import { type Entity, type Field, LIFECYCLE_FIELDS } from "../model/app-model.ts";
import { type BindingScope, checkExpr } from "./binding-scope.ts";
import { checkAssignees } from "./check-assignees.ts";
import type { ActionNodeDef, TextOrParam } from "./types.ts";

const LIFECYCLE: ReadonlySet<string> = new Set(LIFECYCLE_FIELDS);

/**
 * An action node's effects: `set` writes fields the process may write, `create` makes a record of
 * a document entity with every required field given, values and recipients are checked like
 * any other expression and assignee.
 */
export function checkEffects(node: ActionNodeDef, index: number, scope: BindingScope): void {
  const subject = `node "${node.id}"`;
  node.effects.forEach((effect, k) => {
    const at = `/nodes/${index}/effects/${k}`;
    if ("set" in effect) {
      for (const [name, value] of Object.entries(effect.set)) {
        const pointer = joinPointer(`${at}/set`, name);
        const field = scope.entity.fields.find((f) => f.name === name);
        const problem = field
          ? notSettable(field, scope.entity, scope.stateField)
          : `entity "${scope.entity.name}" has no field "${name}"`;
        if (problem)
          scope.report(pointer, field ? "not-settable" : "unknown-field", `${subject}: ${problem}`);
        checkExpr(value, pointer, subject, scope);
      }
    } else if ("create" in effect) {
      checkCreate(effect.create, `${at}/create`, subject, scope);
    } else if ("notify" in effect) {
      checkAssignees(effect.notify.to, `${at}/notify/to`, subject, scope);
    } else if ("webhook" in effect) {
      const { url, headers = {} } = effect.webhook;
      checkParamRef(url, ["url", "text"], `${at}/webhook/url`, subject, scope);
      for (const [name, value] of Object.entries(headers))
        checkParamRef(
          value,
          TEXT_TYPES,
          joinPointer(`${at}/webhook/headers`, name),
          subject,
          scope,
        );
    }
  });
}

const TEXT_TYPES: readonly ParameterType[] = ["text", "url", "email"];

/** A `{ param }` names a declared parameter whose values are text of a kind the place accepts. */
function checkParamRef(
  value: TextOrParam,
  types: readonly ParameterType[],
  pointer: string,
  subject: string,
  scope: BindingScope,
): void {
  if (typeof value === "string") return;
  const declared = Object.hasOwn(scope.parameters, value.param)
    ? scope.parameters[value.param]
    : undefined;
  if (!declared)
    scope.report(
      `${pointer}/param`,
      "unknown-parameter",
      `${subject}: "${value.param}" is not a parameter of any package; declare it in a manifest's "parameters"`,
    );
  else if (!types.includes(declared.type))
    scope.report(
      `${pointer}/param`,
      "parameter-type",
      `${subject}: parameter "${value.param}" is ${declared.type}, but this place needs ${types.join(" or ")}`,
    );
}

function checkCreate(
  create: { entity: string; values: Record<string, JsonLogic> },
  at: string,
  subject: string,
  scope: BindingScope,
): void {
  const target = Object.hasOwn(scope.entities, create.entity)
    ? scope.entities[create.entity]
    : undefined;
  if (!target) {
    scope.report(
      `${at}/entity`,
      "unknown-entity",
      `${subject}: creates a record of "${create.entity}", which no package defines`,
    );
  } else if (target.type === "child") {
    scope.report(
      `${at}/entity`,
      "create-child",
      `${subject}: "${create.entity}" holds the lines of another record; create its document instead`,
    );
  } else {
    for (const name of Object.keys(create.values)) {
      const field = target.fields.find((f) => f.name === name);
      const problem = field
        ? notSettable(field, target, undefined)
        : `entity "${target.name}" has no field "${name}"`;
      if (problem)
        scope.report(
          joinPointer(`${at}/values`, name),
          field ? "not-settable" : "unknown-field",
          `${subject}: ${problem}`,
        );
    }
    const missing = target.fields.filter(
      (f) => f.required && !(f.name in create.values) && !filledBySystem(f, target),
    );
    if (missing.length > 0)
      scope.report(
        `${at}/values`,
        "create-missing-required",
        `${subject}: a new "${target.name}" needs ${missing.map((f) => `"${f.name}"`).join(", ")}, which ${missing.length === 1 ? "is" : "are"} required and not given${missing.some((f) => f.type === "table") ? " (a record with required lines cannot be created by a workflow)" : ""}`,
      );
  }
  for (const [name, value] of Object.entries(create.values))
    checkExpr(value, joinPointer(`${at}/values`, name), subject, scope);
}

/** Why the process may not write a field; read-only fields it may (they are read-only to users). */
function notSettable(
  field: Field,
  entity: Entity,
  stateField: string | undefined,
): string | undefined {
  const what = `"${field.name}" of "${entity.name}"`;
  if (field.computed !== undefined) return `${what} is computed`;
  if (field.type === "table")
    return `${what} is a table field: lines are written with their document`;
  if (LIFECYCLE.has(field.name)) return `${what} is a lifecycle field the runtime keeps`;
  if (entity.namingSeries?.field === field.name) return `${what} is numbered by the naming series`;
  if (field.name === stateField)
    return `${what} is the state field: it follows the node the record rests at`;
  return undefined;
}

function filledBySystem(field: Field, entity: Entity): boolean {
  return (
    field.default !== undefined ||
    field.defaultExpr !== undefined ||
    field.computed !== undefined ||
    entity.namingSeries?.field === field.name
  );
}
