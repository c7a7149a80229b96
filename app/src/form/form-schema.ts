import type { Labels } from "@loom/engine";
import type { RJSFSchema, UiSchema } from "@rjsf/utils";
import type { Schema } from "../api/types.ts";
import type { Language } from "../i18n/dictionary.ts";

type Json = Record<string, unknown>;

export interface FormSchemaInput {
  /** the record schema of the mode (create or update) */
  schema: Schema;
  /** the read schema: the types of the values the server sets, which write schemas leave open */
  read: Schema;
  /** the create schema: new lines of an existing record get its defaults too */
  defaults: Schema;
  uiSchema: Schema;
  language: Language;
  /** field paths shown read-only: `customer`, `lines.unit_price` (a line field) */
  locked: ReadonlySet<string>;
  /** field paths of money fields, shown by the money widget */
  money: ReadonlySet<string>;
}

/**
 * The schema and uiSchema rjsf renders, from what /api/meta serves: titles, help, option labels
 * and placeholders in the user's language; the values the server sets typed as they read (a
 * write schema accepts anything there) and read-only; the `if`/`else` of line schemas dropped
 * (which fields a new line needs is checked by the server); locked fields read-only.
 */
export function formSchemas(input: FormSchemaInput): { schema: RJSFSchema; uiSchema: UiSchema } {
  const schema = objectSchema(input.schema, input.read, input.defaults, input.language, false);
  const uiSchema = objectUi(input.uiSchema, input, "");
  return { schema: schema as RJSFSchema, uiSchema: uiSchema as UiSchema };
}

/**
 * `defaults`: the create schema of the same object; `isLine` copies its defaults (a record's own
 * fields keep the values they have, a new line starts with the defaults).
 */
function objectSchema(
  schema: Json,
  read: Json,
  defaults: Json,
  language: Language,
  isLine: boolean,
): Json {
  const { if: _if, else: _else, ...rest } = schema;
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const readProperties = (read.properties ?? {}) as Record<string, Json>;
  const defaultProperties = (defaults.properties ?? {}) as Record<string, Json>;
  const out: Record<string, Json> = {};
  for (const [name, property] of Object.entries(properties)) {
    const created = defaultProperties[name] ?? {};
    const withDefault =
      isLine && property.default === undefined && created.default !== undefined
        ? { ...property, default: created.default }
        : property;
    out[name] = propertySchema(withDefault, readProperties[name] ?? {}, created, language);
  }
  return { ...localized(rest, language), properties: out };
}

function propertySchema(property: Json, read: Json, created: Json, language: Language): Json {
  let schema = property;
  if (property.readOnly === true && property.type === undefined) {
    // a link reads as `anyOf: [id, expanded record]`: the form holds the id
    const typed = Array.isArray(read.anyOf) ? (read.anyOf[0] as Json) : read;
    const { anyOf: _anyOf, ...readRest } = typed === read ? read : { ...read, ...typed };
    schema = { ...readRest, ...property, readOnly: true };
  }
  if (Array.isArray(schema.enum))
    schema = { ...schema, enum: schema.enum.filter((v) => v !== null) };
  if (isObjectOfLines(schema)) {
    const items = schema.items as Json;
    const readItems = (read.items ?? {}) as Json;
    const createdItems = (created.items ?? {}) as Json;
    return {
      ...localized(schema, language),
      items: objectSchema(items, readItems, createdItems, language, true),
    };
  }
  return localized(schema, language);
}

function isObjectOfLines(schema: Json): boolean {
  const items = schema.items as Json | undefined;
  return schema.type === "array" && items?.type === "object";
}

/** title and description in the language, from the `x-labels`/`x-help` annotations. */
function localized(schema: Json, language: Language): Json {
  const labels = schema["x-labels"] as Labels | undefined;
  const help = schema["x-help"] as Labels | undefined;
  const { description: _description, ...rest } = schema;
  return {
    ...rest,
    ...(labels ? { title: labels[language] ?? labels.en } : {}),
    ...(help ? { description: help[language] ?? help.en } : {}),
  };
}

type UiInput = Pick<FormSchemaInput, "language" | "locked" | "money">;

function objectUi(ui: Json, input: UiInput, prefix: string): Json {
  const out: Json = { ...ui };
  for (const [key, value] of Object.entries(ui)) {
    if (key.startsWith("ui:") || typeof value !== "object" || value === null) continue;
    out[key] = fieldUi(value as Json, input, `${prefix}${key}`);
  }
  return out;
}

function fieldUi(ui: Json, input: UiInput, path: string): Json {
  const { language } = input;
  const options = (ui["ui:options"] ?? {}) as Json;
  const labels = options.labels as
    | { title?: Labels; help?: Labels; options?: Record<string, Labels> }
    | undefined;
  const placeholder = options.placeholderLabels as Labels | undefined;
  const out: Json = { ...ui };
  // the help is the schema's description (in the language); shown once
  delete out["ui:help"];
  if (labels?.options)
    out["ui:enumNames"] = Object.values(labels.options).map((l) => l[language] ?? l.en);
  if (placeholder) out["ui:placeholder"] = placeholder[language] ?? placeholder.en;
  if (input.locked.has(path)) out["ui:readonly"] = true;
  if (input.money.has(path) && out["ui:widget"] === undefined) out["ui:widget"] = "money";
  if (ui.items && typeof ui.items === "object")
    out.items = objectUi(ui.items as Json, input, `${path}.`);
  return out;
}
