import type { Issue } from "../errors.ts";
import { issueAt } from "../layer/apply-layers.ts";
import type { Entity } from "../model/app-model.ts";
import type { Working } from "./collect-ui.ts";
import type { MenuDef } from "./types.ts";

/** The report and dashboard names menu items may name. */
export interface MenuTargets {
  readonly reports: ReadonlySet<string>;
  readonly dashboards: ReadonlySet<string>;
}

/**
 * The menus, in the order they merge: module ids once per menu, labels where a module first
 * appears, and items naming views that exist (the packages' and each entity's default view),
 * document entities, reports or dashboards.
 */
export function checkMenus(
  menus: readonly Working<MenuDef>[],
  views: ReadonlySet<string>,
  entities: Readonly<Record<string, Entity>>,
  named: MenuTargets = { reports: new Set(), dashboards: new Set() },
): Issue[] {
  const issues: Issue[] = [];
  const labelled = new Set<string>();
  for (const { def, loc } of menus) {
    const ids = new Set<string>();
    def.modules.forEach((module, i) => {
      const at = (pointer: string) => ({ ...loc, pointer: `/modules/${i}${pointer}` });
      if (ids.has(module.id))
        issues.push(
          issueAt(
            at("/id"),
            "duplicate-module",
            `module "${module.id}" appears twice in this menu; list its items once`,
          ),
        );
      ids.add(module.id);
      if (module.labels) labelled.add(module.id);
      else if (!labelled.has(module.id))
        issues.push(
          issueAt(
            at(""),
            "module-without-labels",
            `module "${module.id}" appears here first, so it needs "labels"; only a module of an earlier package may be extended without them`,
          ),
        );
      (module.items ?? []).forEach((item, j) => {
        if ("report" in item || "dashboard" in item) {
          const [kind, name, known] =
            "report" in item
              ? (["report", item.report, named.reports] as const)
              : (["dashboard", item.dashboard, named.dashboards] as const);
          if (!known.has(name))
            issues.push(
              issueAt(
                at(`/items/${j}/${kind}`),
                `unknown-${kind}`,
                `${kind} "${name}" is not defined by any package`,
              ),
            );
          return;
        }
        if ("view" in item) {
          if (!views.has(item.view))
            issues.push(
              issueAt(
                at(`/items/${j}/view`),
                "unknown-view",
                `view "${item.view}" is neither defined by a package nor the default view of an entity`,
              ),
            );
          return;
        }
        const entity = entities[item.entity];
        if (!entity)
          issues.push(
            issueAt(
              at(`/items/${j}/entity`),
              "unknown-entity",
              `entity "${item.entity}" is not defined by any package`,
            ),
          );
        else if (entity.type === "child")
          issues.push(
            issueAt(
              at(`/items/${j}/entity`),
              "menu-child-entity",
              `"${item.entity}" holds the lines of "${entity.parent?.entity}": list that entity instead`,
            ),
          );
      });
    });
  }
  return issues;
}
