import { LoomError } from "../errors.ts";
import { compileFilter } from "../expr/index.ts";
import { type AppModel, DATA_SCHEMA, type Entity } from "../model/app-model.ts";
import { reportReadable } from "../reports/report-readable.ts";
import { LISTED_SYSTEM_COLUMNS } from "./check-view.ts";
import type { CompiledUi } from "./compile-ui.ts";
import { tablePaths } from "./table-paths.ts";
import type { Form, FormTab, Menu, View } from "./types.ts";

/**
 * The forms, views, reports, dashboards and menu of a model whose entities were cut down to what some roles may see
 * (entities they cannot read gone, hidden fields gone from the rest): forms and views of missing
 * entities are dropped, hidden fields leave sections, table columns, view columns, sorts and
 * quick searches, a view whose filter reads a hidden field is dropped (the list API would refuse
 * it), and so are reports reading what the roles may not read or whose document they may not
 * report on (`mayReport`), dashboard tiles of those (a dashboard left without tiles too), menu
 * items of what was dropped, and modules left empty. Sections and tabs left empty go too.
 */
export function restrictUi(
  model: AppModel,
  mayReport: (document: string) => boolean = () => true,
): CompiledUi & Pick<AppModel, "reports" | "dashboards"> {
  const forms: Record<string, Form> = {};
  for (const [name, form] of Object.entries(model.forms)) {
    const entity = model.entities[name];
    if (entity) forms[name] = restrictForm(form, entity, model.entities);
  }
  const views: Record<string, View> = {};
  for (const [name, view] of Object.entries(model.views)) {
    const restricted = restrictView(view, model);
    if (restricted) views[name] = restricted;
  }
  // a report reading an entity or field the roles may not read leaves their model and menu, and
  // so does a dashboard left without tiles: its definition would name what they may not see
  // (/api/reports decides for good, row scopes too)
  const readable = (name: string): boolean => {
    const report = model.reports?.[name];
    return report !== undefined && reportReadable(report, model, mayReport);
  };
  const reports =
    model.reports &&
    Object.fromEntries(Object.entries(model.reports).filter(([name]) => readable(name)));
  const dashboards =
    model.dashboards &&
    Object.fromEntries(
      Object.entries(model.dashboards).flatMap(([name, dashboard]) => {
        const tiles = dashboard.tiles.filter((tile) => readable(tile.report));
        return tiles.length > 0 ? [[name, { ...dashboard, tiles }]] : [];
      }),
    );
  const menu: Menu = {
    modules: model.menu.modules
      .map((module) => ({
        ...module,
        items: module.items.filter((item) => {
          if ("view" in item) return item.view in views;
          if ("entity" in item) return item.entity in model.entities;
          if ("report" in item) return reports?.[item.report] !== undefined;
          return dashboards?.[item.dashboard] !== undefined;
        }),
      }))
      .filter((module) => module.items.length > 0),
  };
  return { forms, views, menu, ...(reports && { reports }), ...(dashboards && { dashboards }) };
}

function restrictForm(
  form: Form,
  entity: Entity,
  entities: Readonly<Record<string, Entity>>,
): Form {
  const has = fieldSet(entity);
  const tabs = form.tabs
    .map(
      (tab): FormTab => ({
        ...tab,
        sections: tab.sections
          .map((section) => ({
            ...section,
            fields: section.fields.filter((f) => has.has(f.field)),
          }))
          .filter((section) => section.fields.length > 0),
      }),
    )
    .filter((tab) => tab.sections.length > 0);
  const children = new Map(tablePaths(entity, entities).map(({ path, child }) => [path, child]));
  const tables: Record<string, { columns: readonly string[] }> = {};
  for (const [path, table] of Object.entries(form.tables)) {
    const child = children.get(path);
    if (!child) continue;
    const childHas = fieldSet(child);
    tables[path] = { columns: table.columns.filter((column) => childHas.has(column)) };
  }
  return { ...form, tabs, tables };
}

function restrictView(view: View, model: AppModel): View | undefined {
  const entity = model.entities[view.entity];
  if (!entity) return undefined;
  const has = fieldSet(entity);
  const listed = (name: string) => has.has(name) || name in LISTED_SYSTEM_COLUMNS;
  const columns = view.columns.filter(listed);
  if (columns.length === 0 || !filterCompiles(view, model)) return undefined;
  return {
    ...view,
    columns,
    sort: view.sort.filter((key) => listed(key.field)),
    quickSearch: view.quickSearch.filter((name) => has.has(name)),
  };
}

/** Whether the list API, compiling filters against the same model, accepts the view's filter. */
function filterCompiles(view: View, model: AppModel): boolean {
  if (view.filter === undefined) return true;
  try {
    compileFilter(view.filter, { model, entity: view.entity, alias: "r", schema: DATA_SCHEMA });
    return true;
  } catch (error) {
    if (error instanceof LoomError) return false;
    throw error;
  }
}

function fieldSet(entity: Entity): Set<string> {
  return new Set(entity.fields.map((f) => f.name));
}
