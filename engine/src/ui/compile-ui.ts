import type { Entity } from "../model/app-model.ts";
import type { WorkingUi } from "./collect-ui.ts";
import { compileForm } from "./compile-form.ts";
import { defaultMenu, mergeMenus, type PackageLabels } from "./compile-menu.ts";
import { compileView, defaultView } from "./compile-view.ts";
import type { Form, Menu, View } from "./types.ts";

export interface CompiledUi {
  readonly forms: Record<string, Form>;
  readonly views: Record<string, View>;
  readonly menu: Menu;
}

/**
 * Checked forms, views and menus → `AppModel.forms`, `.views` (alphabetical) and `.menu`, with a
 * default form and a default view (named after it) for every document entity that has none, and
 * the default menu when no package has one.
 */
export function compileUi(
  ui: WorkingUi,
  entities: Readonly<Record<string, Entity>>,
  packages: readonly PackageLabels[],
): CompiledUi {
  const forms: Record<string, Form> = {};
  const views = new Map<string, View>();
  for (const name of Object.keys(entities).sort()) {
    const entity = entities[name]!;
    if (entity.type === "child") continue;
    const form = ui.forms.get(name);
    forms[name] = form
      ? compileForm(form.def, entity, entities, { package: form.loc.package, file: form.loc.file })
      : compileForm({ kind: "form", entity: name }, entity, entities);
    if (!ui.views.has(name)) views.set(name, defaultView(entity));
  }
  for (const { def, loc } of ui.views.values())
    views.set(
      def.name,
      compileView(def, entities[def.entity]!, { package: loc.package, file: loc.file }),
    );
  const sortedViews: Record<string, View> = {};
  for (const name of [...views.keys()].sort()) sortedViews[name] = views.get(name)!;
  return {
    forms,
    views: sortedViews,
    menu: ui.menus.length > 0 ? mergeMenus(ui.menus) : defaultMenu(packages, entities),
  };
}
