import type { Labels } from "../metadata/types.ts";
import type { Entity } from "../model/app-model.ts";
import type { Working } from "./collect-ui.ts";
import type { Menu, MenuDef, MenuItem, MenuModule } from "./types.ts";

/**
 * The checked menus of the packages, merged in package order by module id: a module stays where
 * it first appears; a later one with its id adds the items it does not have yet, at the end, and
 * replaces labels and icon where it gives them.
 */
export function mergeMenus(menus: readonly Working<MenuDef>[]): Menu {
  const modules = new Map<string, { labels?: Labels; icon?: string; items: MenuItem[] }>();
  for (const { def } of menus) {
    for (const module of def.modules) {
      let merged = modules.get(module.id);
      if (!merged) {
        merged = { items: [] };
        modules.set(module.id, merged);
      }
      if (module.labels) merged.labels = module.labels;
      if (module.icon !== undefined) merged.icon = module.icon;
      for (const item of module.items ?? [])
        if (!merged.items.some((known) => itemKey(known) === itemKey(item)))
          merged.items.push({ ...item });
    }
  }
  return {
    modules: [...modules].map(
      ([id, { labels, icon, items }]): MenuModule => ({
        id,
        // checkMenus guarantees labels where a module first appears
        labels: labels!,
        ...(icon !== undefined && { icon }),
        items,
      }),
    ),
  };
}

export interface PackageLabels {
  readonly name: string;
  readonly labels: Labels;
}

/**
 * The menu when no package has one: a module per package (named and labelled after it) listing
 * the document entities it defines, alphabetically.
 */
export function defaultMenu(
  packages: readonly PackageLabels[],
  entities: Readonly<Record<string, Entity>>,
): Menu {
  const modules: MenuModule[] = [];
  for (const pkg of packages) {
    const items = Object.values(entities)
      .filter((e) => e.type !== "child" && e.origin.package === pkg.name)
      .map((e) => e.name)
      .sort()
      .map((entity) => ({ entity }));
    // package names allow hyphens, module ids do not
    if (items.length > 0)
      modules.push({ id: pkg.name.replace(/-/g, "_"), labels: pkg.labels, items });
  }
  return { modules };
}

function itemKey(item: MenuItem): string {
  if ("view" in item) return `view:${item.view}`;
  if ("entity" in item) return `entity:${item.entity}`;
  return "report" in item ? `report:${item.report}` : `dashboard:${item.dashboard}`;
}
