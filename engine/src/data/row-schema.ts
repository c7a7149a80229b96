import { type JsonSchema, orNull } from "../api/json-schema.ts";
import { isServerSet, recordSchema } from "../api/record-schema.ts";
import { valueSchema } from "../api/value-schema.ts";
import type { AppModel, Entity, Field } from "../model/app-model.ts";
import { dataLinks } from "./data-links.ts";

/** Entity name → the key its data files find rows by. */
export type DataKeys = ReadonlyMap<string, readonly string[]>;

/**
 * The JSON Schema of one data row of `entity`: each field's value as the data API takes it
 * (`valueSchema`), except links and a tree's `parent_id`, which hold the key of the linked row as
 * the target's data files declare it; required are the fields a create of the data API needs
 * (`recordSchema`) and the key fields, which may not be null. Property names are checked
 * before (`rowPropertyProblem`), with messages that say why a name is not allowed.
 */
export function dataRowSchema(
  model: AppModel,
  entity: Entity,
  key: readonly string[],
  keys: DataKeys,
): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const field of entity.fields) {
    if (rowPropertyProblem(entity, field.name) !== undefined || field.type === "link") continue;
    const value = fieldValue(model, field);
    properties[field.name] = field.required || key.includes(field.name) ? value : orNull(value);
  }
  for (const link of dataLinks(entity)) {
    const field = entity.fields.find((f) => f.name === link.field);
    const targetKey = keys.get(link.target);
    // a target without data is reported by the link check: any value here
    const value = targetKey ? keySchema(model, model.entities[link.target]!, targetKey) : {};
    properties[link.field] = field?.required ? value : orNull(value);
  }
  const required = new Set([
    ...(recordSchema(model, entity.name, "create").required ?? []),
    ...key,
  ]);
  return {
    type: "object",
    properties,
    required: [...required],
    additionalProperties: false,
  };
}

/** Why a row may not give `name`, or undefined when it may. */
export function rowPropertyProblem(
  entity: Entity,
  name: string,
): { code: string; message: string } | undefined {
  if (name === "parent_id" && entity.type === "tree") return undefined;
  const field = entity.fields.find((f) => f.name === name);
  if (!field)
    return { code: "unknown-field", message: `entity "${entity.name}" has no field "${name}"` };
  if (field.type === "table")
    return {
      code: "data-table-field",
      message: `"${name}" is a table field: reference data holds no lines`,
    };
  if (field.computed !== undefined)
    return {
      code: "data-computed-field",
      message: `"${name}" is computed from the other fields: leave it out`,
    };
  // read-only fields are the package's to set: users cannot change them, a package can
  return isServerSet(entity, field) && !field.readOnly
    ? { code: "data-computed-field", message: `"${name}" is set by the server: leave it out` }
    : undefined;
}

/**
 * How a link names its target row: the value of a one-field key (`"PCS"`), or an object with
 * every key field (`{ "company": "ACME", "code": "PCS" }`).
 */
function keySchema(model: AppModel, target: Entity, key: readonly string[]): JsonSchema {
  const schemaOf = (name: string): JsonSchema => {
    const field = target.fields.find((f) => f.name === name);
    return field ? fieldValue(model, field) : {};
  };
  if (key.length === 1) return schemaOf(key[0]!);
  return {
    type: "object",
    properties: Object.fromEntries(key.map((name) => [name, schemaOf(name)])),
    required: [...key],
    additionalProperties: false,
  };
}

function fieldValue(model: AppModel, field: Field): JsonSchema {
  return valueSchema(model, field, "create", () => ({}));
}
