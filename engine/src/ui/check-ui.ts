import type { Issue } from "../errors.ts";
import type { Entity } from "../model/app-model.ts";
import { checkForm } from "./check-form.ts";
import { checkMenus, type MenuTargets } from "./check-menu.ts";
import { checkView } from "./check-view.ts";
import type { WorkingUi } from "./collect-ui.ts";

/** Every issue of every form, view and menu, against the compiled entities. */
export function checkUi(
  ui: WorkingUi,
  entities: Readonly<Record<string, Entity>>,
  named: MenuTargets = { reports: new Set(), dashboards: new Set() },
): Issue[] {
  const viewNames = new Set([
    ...ui.views.keys(),
    ...Object.values(entities)
      .filter((e) => e.type !== "child")
      .map((e) => e.name),
  ]);
  return [
    ...[...ui.forms.values()].flatMap((form) => checkForm(form, entities)),
    ...[...ui.views.values()].flatMap((view) => checkView(view, entities)),
    ...checkMenus(ui.menus, viewNames, entities, named),
  ];
}
