import type { FieldType } from "../metadata/types.ts";

/** The widgets a form may ask for (the app renders each; `schemas/form.schema.json` lists them). */
export const WIDGETS = [
  "text",
  "textarea",
  "number",
  "select",
  "radio",
  "checkbox",
  "date",
  "datetime",
  "link-picker",
  "money",
] as const;
export type Widget = (typeof WIDGETS)[number];

/** The field types each widget can edit: a radio button cannot hold a date. */
export const WIDGET_FIELD_TYPES: Readonly<Record<Widget, readonly FieldType[]>> = {
  text: ["text", "longtext", "email", "phone", "url"],
  textarea: ["text", "longtext"],
  number: ["integer", "decimal", "money", "percent"],
  money: ["money", "decimal"],
  select: ["select", "multiselect", "boolean"],
  radio: ["select", "boolean"],
  checkbox: ["boolean", "multiselect"],
  date: ["date"],
  datetime: ["datetime"],
  "link-picker": ["link"],
};

export function widgetFits(widget: Widget, type: FieldType): boolean {
  return WIDGET_FIELD_TYPES[widget].includes(type);
}

/** Field types quick search can look in: the ones holding free text. */
export const SEARCHABLE_TYPES: readonly FieldType[] = ["text", "longtext", "email", "phone", "url"];
