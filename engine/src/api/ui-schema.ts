import { LoomError } from "../errors.ts";
import type { JsonLogic, Labels } from "../metadata/types.ts";
import type { AppModel, Entity, Field } from "../model/app-model.ts";
import type { Form, FormField } from "../ui/types.ts";
import type { Widget } from "../ui/widgets.ts";
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
  /** in English; every language in `ui:options.placeholderLabels` */
  "ui:placeholder"?: string;
  "ui:options"?: UiOptions;
  /** the form's tabs and sections (the root of a document entity's uiSchema only) */
  "ui:layout"?: readonly UiLayoutTab[];
  items?: UiSchema;
  [property: string]: unknown;
}

export interface UiOptions {
  /** every language: the field's title and help, and each select option's label by value */
  labels?: { title: Labels; help?: Labels; options?: Readonly<Record<string, Labels>> };
  /** every language: the hint shown in the empty input */
  placeholderLabels?: Labels;
  /** link fields: the entity linked to and the field a picker shows */
  target?: string;
  titleField?: string;
  /** table fields: the line fields shown as columns of the inline grid, in order */
  columns?: readonly string[];
  /** json-logic over the record, evaluated by the form as the user types */
  visibleIf?: JsonLogic;
  requiredIf?: JsonLogic;
}

/** A tab of `ui:layout`: its sections, each naming its fields in order. */
export interface UiLayoutTab {
  readonly id: string;
  readonly labels: Labels;
  readonly sections: readonly UiLayoutSection[];
}

export interface UiLayoutSection {
  readonly id: string;
  readonly labels?: Labels;
  readonly columns: 1 | 2 | 3;
  readonly fields: readonly string[];
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
 * The form layout of `entity` for the record schemas of `recordSchema`: fields in the order of
 * the entity's form (`AppModel.forms`; a child entity, which has none, in declared order), system
 * columns hidden after them, the form's tabs and sections as `ui:layout`, its widget and
 * placeholder per field or else a widget by field type, server-set fields (computed, read-only,
 * numbered) read-only, labels and help in every language, and a `table` field's lines laid out
 * by the child entity's uiSchema, with the form's columns for the grid.
 */
export function uiSchema(model: AppModel, entity: string): UiSchema {
  const found = model.entities[entity];
  if (!found) throw new LoomError("api-unknown-entity", `entity ${entity} does not exist`);
  const form = model.forms[entity];
  const placed = form ? formFields(form) : found.fields.map((field) => ({ field: field.name }));
  const schema: UiSchema = { "ui:order": [...placed.map(({ field }) => field), "*"] };
  if (form) schema["ui:layout"] = layoutOf(form);
  for (const column of Object.keys(systemProperties(found, "read"))) {
    schema[column] = systemColumnUiSchema(found, column);
  }
  const byName = new Map(placed.map((placement) => [placement.field, placement]));
  for (const field of found.fields)
    schema[field.name] = fieldUiSchema(model, found, field, byName.get(field.name), form);
  return schema;
}

function fieldUiSchema(
  model: AppModel,
  entity: Entity,
  field: Field,
  placement: FormField | undefined,
  form: Form | undefined,
): UiSchema {
  const options = fieldOptions(model, field);
  const widget = placement?.widget;
  const schema: UiSchema = {
    ...(widget === undefined ? WIDGETS[field.type] : formWidget(widget, field)),
    "ui:options": options,
  };
  if (placement?.placeholder) {
    schema["ui:placeholder"] = placement.placeholder.en;
    options.placeholderLabels = placement.placeholder;
  }
  if (field.help) schema["ui:help"] = field.help.en;
  if (isServerSet(entity, field)) schema["ui:readonly"] = true;
  if (field.type === "table") {
    schema.items = uiSchema(model, targetOf(field));
    const columns = form?.tables[field.name]?.columns;
    if (columns) options.columns = [...columns];
  }
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
 * rjsf's name for a widget a form asks for: `number` is rjsf's `updown`, a checkbox on a
 * multiselect is one box per option (`checkboxes`), `link-picker` is the link field; `money`
 * is a widget the app registers. The engine has checked that the widget fits the field's type.
 */
function formWidget(widget: Widget, field: Field): Pick<UiSchema, "ui:widget" | "ui:field"> {
  if (widget === "link-picker") return { "ui:field": "link" };
  if (widget === "number") return { "ui:widget": "updown" };
  if (widget === "checkbox" && field.type === "multiselect") return { "ui:widget": "checkboxes" };
  return { "ui:widget": widget };
}

function formFields(form: Form): FormField[] {
  return form.tabs.flatMap((tab) => tab.sections.flatMap((section) => section.fields));
}

function layoutOf(form: Form): UiLayoutTab[] {
  return form.tabs.map((tab) => ({
    id: tab.id,
    labels: tab.labels,
    sections: tab.sections.map((section) => ({
      id: section.id,
      ...(section.labels && { labels: section.labels }),
      columns: section.columns,
      fields: section.fields.map(({ field }) => field),
    })),
  }));
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
