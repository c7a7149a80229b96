import { LoomError } from "../errors.ts";
import type { AppModel, Field } from "../model/app-model.ts";
import { fieldColumnType } from "../plan/column-type.ts";
import type { JsonSchema } from "./json-schema.ts";

export type RecordMode = "create" | "update" | "read";

export const UUID: JsonSchema = { type: "string", format: "uuid" };

/** Builds the schema of a child entity's lines; passed in so the two modules need not import each other. */
export type LinesSchema = (childEntity: string) => JsonSchema;

/**
 * The JSON value of one field, not yet nullable. `lines` gives the schema of one line of a
 * `table` field in the same mode.
 */
export function valueSchema(
  model: AppModel,
  field: Field,
  mode: RecordMode,
  lines: LinesSchema,
): JsonSchema {
  switch (field.type) {
    case "text":
    case "longtext":
    case "phone":
      return textSchema(field);
    case "email":
      return { ...textSchema(field), format: "email" };
    case "url":
      return { ...textSchema(field), format: "uri" };
    case "select":
      return { type: "string", enum: optionValues(field) };
    case "multiselect":
      return {
        type: "array",
        items: field.options ? { type: "string", enum: optionValues(field) } : { type: "string" },
        uniqueItems: true,
      };
    case "integer":
      return { type: "integer", ...bounds(field, Number.MAX_SAFE_INTEGER, false) };
    case "decimal":
    case "money":
    case "percent":
      return { type: "number", ...bounds(field, decimalLimit(field), true) };
    case "boolean":
      return { type: "boolean" };
    case "date":
      return { type: "string", format: "date" };
    case "datetime":
      return { type: "string", format: "date-time" };
    case "json":
      // a required jsonb column is NOT NULL, and JSON null would land there as SQL NULL
      return field.required ? { not: { type: "null" } } : {};
    case "link":
      return mode === "read" ? readLinkSchema(model, field) : UUID;
    case "table":
      return {
        type: "array",
        items: lines(targetOf(field)),
        ...(field.required ? { minItems: 1 } : {}),
      };
  }
}

function textSchema(field: Field): JsonSchema {
  return {
    type: "string",
    ...(field.minLength === undefined ? {} : { minLength: field.minLength }),
    ...(field.maxLength === undefined ? {} : { maxLength: field.maxLength }),
    ...(field.pattern === undefined ? {} : { pattern: field.pattern }),
  };
}

function optionValues(field: Field): string[] {
  return (field.options ?? []).map((option) => option.value);
}

/**
 * The field's own min/max, tightened to what the column can hold. `limit` is exclusive for
 * numeric(p,s) (|x| < 10^(p−s)) and inclusive for integers (the largest integer a JSON number
 * carries exactly: bigint holds more, but JS clients would round it).
 */
function bounds(field: Field, limit: number, exclusive: boolean): JsonSchema {
  const schema: JsonSchema = {};
  if (field.min !== undefined && field.min > -limit) schema.minimum = field.min;
  else if (exclusive) schema.exclusiveMinimum = -limit;
  else schema.minimum = -limit;
  if (field.max !== undefined && field.max < limit) schema.maximum = field.max;
  else if (exclusive) schema.exclusiveMaximum = limit;
  else schema.maximum = limit;
  return schema;
}

/**
 * numeric(p,s) holds |x| < 10^(p−s). The scale itself is not checked: `multipleOf` 10^−s is not
 * reliable in binary floating point (0.3 is no multiple of 0.1 there), and the database rounds
 * extra digits to the scale anyway.
 */
function decimalLimit(field: Field): number {
  const column = fieldColumnType(field);
  if (column?.kind !== "numeric") {
    throw new LoomError("api-not-numeric", `field ${field.name} is not stored as a number`);
  }
  return 10 ** (column.precision - column.scale);
}

/** A link reads as the target's id, or with `expand=<field>` as an object with the target's id and title. */
function readLinkSchema(model: AppModel, field: Field): JsonSchema {
  const target = model.entities[targetOf(field)];
  const titleField = target?.titleField ?? "id";
  return {
    anyOf: [
      UUID,
      {
        type: "object",
        description: `The linked record, when the request asked for expand=${field.name}.`,
        properties: { id: UUID, ...(titleField === "id" ? {} : { [titleField]: {} }) },
        required: titleField === "id" ? ["id"] : ["id", titleField],
      },
    ],
  };
}

function targetOf(field: Field): string {
  if (field.target === undefined) {
    throw new LoomError("api-no-target", `field ${field.name} has no target entity`);
  }
  return field.target;
}
