import type { Entity, Field } from "@loom/engine";
import type { Form, Menu, MenuItem, UiModel, View } from "../api/types.ts";

/** Field types a list column, a sort and a quick search can use. */
const LISTABLE = new Set<Field["type"]>([
  "text",
  "integer",
  "decimal",
  "money",
  "percent",
  "boolean",
  "date",
  "datetime",
  "select",
  "email",
  "phone",
  "url",
  "link",
]);
export const SEARCHABLE = new Set<Field["type"]>(["text", "longtext", "email", "phone", "url"]);
const DEFAULT_COLUMNS = 6;
/** System columns a view may name beside the entity's fields. */
const SYSTEM_COLUMNS = new Set([
  "id",
  "version",
  "created_at",
  "created_by",
  "updated_at",
  "updated_by",
]);

/** Entities with records of their own (lines are edited inside their document). */
export function documentEntities(model: UiModel): Entity[] {
  return Object.values(model.entities).filter((entity) => entity.type !== "child");
}

/**
 * The views the user may open: the model's, else a default per document entity (named as the
 * entity). Columns and searches the user may not see are dropped (the server would refuse them).
 */
export function viewsOf(model: UiModel): Record<string, View> {
  const views: Record<string, View> = {};
  for (const entity of documentEntities(model)) views[entity.name] = defaultView(entity);
  for (const [name, view] of Object.entries(model.views ?? {})) {
    const entity = model.entities[view.entity];
    if (entity) views[name] = visiblePart(view, entity);
  }
  return views;
}

function defaultView(entity: Entity): View {
  const title = entity.fields.find((f) => f.name === entity.titleField);
  const others = entity.fields.filter((f) => f.name !== entity.titleField && LISTABLE.has(f.type));
  const columns = [...(title ? [title.name] : []), ...others.map((f) => f.name)].slice(
    0,
    DEFAULT_COLUMNS,
  );
  return {
    name: entity.name,
    entity: entity.name,
    labels: entity.labels,
    columns,
    // numbered documents: the newest first
    sort: title ? [{ field: title.name, desc: entity.namingSeries !== undefined }] : [],
    quickSearch: title && SEARCHABLE.has(title.type) ? [title.name] : [],
  };
}

function visiblePart(view: View, entity: Entity): View {
  const known = (name: string) =>
    SYSTEM_COLUMNS.has(name) || entity.fields.some((f) => f.name === name);
  return {
    ...view,
    columns: view.columns.filter(known),
    sort: view.sort.filter((s) => known(s.field)),
    quickSearch: view.quickSearch.filter(known),
  };
}

/** The menu: the model's with the items the user may open, else one module of every entity. */
export function menuOf(model: UiModel, views: Readonly<Record<string, View>>): Menu {
  const opens = (item: MenuItem) =>
    "view" in item ? views[item.view] !== undefined : views[item.entity] !== undefined;
  if (model.menu) {
    const modules = model.menu.modules
      .map((module) => ({ ...module, items: module.items.filter(opens) }))
      .filter((module) => module.items.length > 0);
    return { modules };
  }
  return {
    modules: [
      {
        id: "records",
        labels: { en: "Records", "zh-CN": "数据" },
        items: documentEntities(model).map((entity) => ({ entity: entity.name })),
      },
    ],
  };
}

/** The view a menu item opens: a named view, or the entity's default one. */
export function viewOfItem(item: MenuItem): string {
  return "view" in item ? item.view : item.entity;
}

/**
 * The form of an entity: the model's, else one tab with a two-column section of the scalar
 * fields and a section per table field.
 */
export function formOf(model: UiModel, entity: Entity): Form {
  const found = model.forms?.[entity.name];
  if (found) return found;
  const scalar = entity.fields.filter((f) => f.type !== "table");
  const tables = entity.fields.filter((f) => f.type === "table");
  return {
    entity: entity.name,
    tabs: [
      {
        id: "main",
        labels: entity.labels,
        sections: [
          { id: "main", columns: 2, fields: scalar.map((f) => ({ field: f.name })) },
          ...tables.map((f) => ({
            id: f.name,
            labels: f.labels,
            columns: 1 as const,
            fields: [{ field: f.name }],
          })),
        ],
      },
    ],
    tables: {},
  };
}

/** The columns a child table shows: the form's, else the line entity's fields but nested tables. */
export function lineColumns(form: Form, field: string, line: Entity): string[] {
  const visible = new Set(line.fields.map((f) => f.name));
  const chosen = form.tables[field]?.columns.filter((name) => visible.has(name));
  if (chosen && chosen.length > 0) return chosen;
  return line.fields.filter((f) => f.type !== "table" && f.type !== "json").map((f) => f.name);
}

export function fieldOf(entity: Entity, name: string): Field | undefined {
  return entity.fields.find((f) => f.name === name);
}
