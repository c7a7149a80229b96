import { LoomError } from "../errors.ts";
import type { JsonLogic, Labels } from "../metadata/types.ts";
import type { AppModel, Entity, Field } from "../model/app-model.ts";
import { isServerSet } from "./record-schema.ts";
import { systemProperties } from "./system-properties.ts";

/**
 * A react-jsonschema-form uiSchema: `ui:` keys for the object itself, a uiSchema by property name
 * for its properties (a `table` field's lines under `items`).
 */
export interface UiSchema {
  "ui:order"?: readonly string[];
  "ui:widget"?: string;
  /** a field rjsf does not ship; the UI registers it under this name (`link`, `json`) */
  "ui:field"?: string;
  "ui:readonly"?: boolean;
  "ui:help"?: string;
  "ui:options"?: UiOptions;
  items?: UiSchema;
  [property: string]: unknown;
}

export interface UiOptions {
  /** every language: the field's title and help, and each select option's label by value */
  labels?: { title: Labels; help?: Labels; options?: Readonly<Record<string, Labels>> };
  /** link fields: the entity linked to and the field a picker shows */
  target?: string;
  titleField?: string;
  /** json-logic over the record, evaluated by the form as the user types */
  visibleIf?: JsonLogic;
  requiredIf?: JsonLogic;
}

/** Widgets by field type; types absent here use rjsf's default for their schema. */
const WIDGETS: Partial<Record<Field["type"], Pick<UiSchema, "ui:widget" | "ui:field">>> = {
  longtext: { "ui:widget": "textarea" },
  date: { "ui:widget": "date" },
  datetime: { "ui:widget": "datetime" },
  select: { "ui:widget": "select" },
  // an array of an enum with uniqueItems: rjsf's select renders it as a multiple select
  multiselect: { "ui:widget": "select" },
  boolean: { "ui:widget": "checkbox" },
  email: { "ui:widget": "email" },
  url: { "ui:widget": "uri" },
  link: { "ui:field": "link" },
  json: { "ui:field": "json" },
};

/**
 * The form layout of `entity` for the record schemas of `recordSchema`: fields in their
 * declared order (system columns hidden, after them), a widget by field type, server-set fields
 * (computed, read-only, numbered) read-only, labels and help in every language, and a `table`
 * field's lines laid out by the child entity's uiSchema.
 */
export function uiSchema(model: AppModel, entity: string): UiSchema {
  const found = model.entities[entity];
  if (!found) throw new LoomError("api-unknown-entity", `entity ${entity} does not exist`);
  const schema: UiSchema = { "ui:order": [...found.fields.map((field) => field.name), "*"] };
  for (const column of Object.keys(systemProperties(found, "read"))) {
    schema[column] = systemColumnUiSchema(found, column);
  }
  for (const field of found.fields) schema[field.name] = fieldUiSchema(model, found, field);
  return schema;
}

function fieldUiSchema(model: AppModel, entity: Entity, field: Field): UiSchema {
  const schema: UiSchema = { ...WIDGETS[field.type], "ui:options": fieldOptions(model, field) };
  if (field.help) schema["ui:help"] = field.help.en;
  if (isServerSet(entity, field)) schema["ui:readonly"] = true;
  if (field.type === "table") schema.items = uiSchema(model, targetOf(field));
  return schema;
}

function fieldOptions(model: AppModel, field: Field): UiOptions {
  const options: UiOptions = {
    labels: {
      title: field.labels,
      ...(field.help ? { help: field.help } : {}),
      ...(field.options
        ? { options: Object.fromEntries(field.options.map((o) => [o.value, o.labels])) }
        : {}),
    },
  };
  if (field.type === "link") {
    const target = targetOf(field);
    options.target = target;
    options.titleField = model.entities[target]?.titleField ?? "id";
  }
  if (field.visibleIf !== undefined) options.visibleIf = field.visibleIf;
  if (field.requiredIf !== undefined) options.requiredIf = field.requiredIf;
  return options;
}

/**
 * The system columns the record schemas carry: hidden, but for a tree's parent, which the user
 * picks like a link to the same entity.
 */
function systemColumnUiSchema(entity: Entity, column: string): UiSchema {
  if (column !== "parent_id" || entity.type !== "tree") return { "ui:widget": "hidden" };
  return {
    "ui:field": "link",
    "ui:options": { target: entity.name, titleField: entity.titleField },
  };
}

function targetOf(field: Field): string {
  if (field.target === undefined) {
    throw new LoomError("api-no-target", `field ${field.name} has no target entity`);
  }
  return field.target;
}
