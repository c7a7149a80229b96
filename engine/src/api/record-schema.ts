import { LoomError } from "../errors.ts";
import type { AppModel, Entity, Field } from "../model/app-model.ts";
import { type JsonSchema, orNull } from "./json-schema.ts";
import { labelAnnotations, serverSet } from "./label-annotations.ts";
import { systemProperties } from "./system-properties.ts";
import { type RecordMode, valueSchema } from "./value-schema.ts";

export type { RecordMode } from "./value-schema.ts";

/**
 * The JSON Schema (2020-12) of a record of `entity` as the data API reads it or accepts it:
 * - `create`: unknown properties refused; required are the required fields the server cannot
 *   fill (no default, not computed, read-only or numbered).
 * - `update` (PATCH): nothing required; `version` may be sent; non-required fields may be null.
 * - `read`: every property, system columns included, each present (null where empty).
 * `table` fields hold their lines with the child entity's schema in the same mode; on update a
 * line without `id` is a new line, so it needs what a created line needs.
 * Needs `addRecordSchemaKeywords` on a strict ajv.
 */
export function recordSchema(model: AppModel, entity: string, mode: RecordMode): JsonSchema {
  const found = model.entities[entity];
  if (!found) throw new LoomError("api-unknown-entity", `entity ${entity} does not exist`);
  return entitySchema(model, found, mode);
}

function entitySchema(model: AppModel, entity: Entity, mode: RecordMode): JsonSchema {
  const properties = systemProperties(entity, mode);
  for (const field of entity.fields)
    properties[field.name] = fieldProperty(model, entity, field, mode);
  const schema: JsonSchema = {
    type: "object",
    ...labelAnnotations(entity.labels, entity.description),
    properties,
    additionalProperties: false,
  };
  const mustSend = requiredOnCreate(entity);
  if (mode === "read") return { ...schema, required: Object.keys(properties) };
  if (mode === "create") return mustSend.length > 0 ? { ...schema, required: mustSend } : schema;
  if (entity.type === "child" && mustSend.length > 0) {
    return { ...schema, if: presenceOf(["id"]), else: presenceOf(mustSend) };
  }
  return schema;
}

function fieldProperty(
  model: AppModel,
  entity: Entity,
  field: Field,
  mode: RecordMode,
): JsonSchema {
  const owned = isServerSet(entity, field);
  if (owned && mode !== "read") {
    return serverSet(field.labels, field.help, "Set by the server; a value sent is ignored.");
  }
  const lines = (child: string) => recordSchema(model, child, mode);
  const value = valueSchema(model, field, mode, lines);
  return {
    ...labelAnnotations(field.labels, field.help),
    ...(field.required || field.type === "table" ? value : orNull(value)),
    ...optionLabels(field),
    ...(mode === "create" && field.default !== undefined ? { default: field.default } : {}),
    ...(owned ? { readOnly: true } : {}),
  };
}

function optionLabels(field: Field): JsonSchema {
  if (!field.options) return {};
  return {
    "x-enumLabels": Object.fromEntries(
      field.options.map((option) => [option.value, option.labels]),
    ),
  };
}

/** Computed, read-only and numbered fields: the server sets them, a client's value is ignored. */
export function isServerSet(entity: Entity, field: Field): boolean {
  return (
    field.computed !== undefined || field.readOnly || entity.namingSeries?.field === field.name
  );
}

/** `required` alone; strict ajv (strictRequired) wants the names declared beside it, even in `if`. */
function presenceOf(names: readonly string[]): JsonSchema {
  return { properties: Object.fromEntries(names.map((name) => [name, {}])), required: names };
}

function requiredOnCreate(entity: Entity): string[] {
  return entity.fields
    .filter(
      (field) =>
        field.required &&
        field.default === undefined &&
        field.defaultExpr === undefined &&
        !isServerSet(entity, field),
    )
    .map((field) => field.name);
}
