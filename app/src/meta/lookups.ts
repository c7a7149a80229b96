import type { AppModel, Entity, Field, Form, Menu, MenuItem } from "@loom/engine";

/**
 * Lookups in the model /api/meta serves. The engine compiles a form, a default view and a menu
 * for every document entity, and cuts them to what the user's roles may read, so nothing here
 * derives defaults.
 */

export function fieldOf(entity: Entity, name: string): Field | undefined {
  return entity.fields.find((f) => f.name === name);
}

/**
 * The view a menu item opens: a named view, or the entity's default one; undefined for a
 * dashboard or report item.
 */
export function viewOfItem(item: MenuItem): string | undefined {
  if ("view" in item) return item.view;
  return "entity" in item ? item.entity : undefined;
}

/**
 * The menu items that open a view (dashboards and reports aside: the navigation adds those). An entity item stays in the served menu while its entity is
 * readable, even when its default view was dropped (every column hidden from the role).
 */
export function menuOf(model: AppModel): Menu {
  const modules = model.menu.modules
    .map((module) => ({
      ...module,
      items: module.items.filter((item) => {
        const view = viewOfItem(item);
        return view !== undefined && model.views[view] !== undefined;
      }),
    }))
    .filter((module) => module.items.length > 0);
  return { modules };
}

/** The line fields a grid shows (`lines`, or `lines.schedule` for a line's table), as the form lists them. */
export function lineColumns(form: Form, table: string): readonly string[] {
  return form.tables[table]?.columns ?? [];
}
