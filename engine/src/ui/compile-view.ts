import type { Entity, Field, Origin } from "../model/app-model.ts";
import type { View, ViewDef, ViewSort } from "./types.ts";
import { SEARCHABLE_TYPES } from "./widgets.ts";

/** Newest first: what a user just created is on top, and the key never changes after insert. */
export const DEFAULT_SORT: readonly ViewSort[] = [{ field: "created_at", desc: true }];
/** The default view shows the title field and at most this many more. */
const DEFAULT_EXTRA_COLUMNS = 5;
/** Types that make poor list columns: several lines of text, raw JSON, lines. */
const NOT_LISTED = new Set<Field["type"]>(["table", "json", "longtext"]);

/** A checked view file → the compiled view, its defaults made explicit. */
export function compileView(def: ViewDef, entity: Entity, origin: Origin): View {
  return {
    name: def.name,
    entity: def.entity,
    labels: def.labels,
    ...(def.description && { description: def.description }),
    columns: [...def.columns],
    sort: def.sort
      ? def.sort.map(({ field, desc }) => ({ field, desc: desc === true }))
      : DEFAULT_SORT,
    ...(def.filter !== undefined && { filter: def.filter }),
    quickSearch: def.quickSearch ? [...def.quickSearch] : defaultQuickSearch(entity),
    ...(def.pageSize !== undefined && { pageSize: def.pageSize }),
    origin,
  };
}

/**
 * The view named after an entity that has no such view file: its title field and the first
 * five other fields that read well in a row (no long text, json or lines), newest first, quick
 * search on the title field when it holds text.
 */
export function defaultView(entity: Entity): View {
  const title = entity.fields.find((f) => f.name === entity.titleField);
  const others = entity.fields
    .filter((f) => f !== title && !NOT_LISTED.has(f.type))
    .slice(0, DEFAULT_EXTRA_COLUMNS);
  const columns = [...(title ? [title] : []), ...others].map((f) => f.name);
  return {
    name: entity.name,
    entity: entity.name,
    labels: entity.labels,
    columns: columns.length > 0 ? columns : ["created_at"],
    sort: DEFAULT_SORT,
    quickSearch: defaultQuickSearch(entity),
  };
}

function defaultQuickSearch(entity: Entity): string[] {
  const title = entity.fields.find((f) => f.name === entity.titleField);
  return title && SEARCHABLE_TYPES.includes(title.type) ? [title.name] : [];
}
