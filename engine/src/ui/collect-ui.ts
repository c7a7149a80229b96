import { dependencyClosure } from "../compile/order-packages.ts";
import type { Issue } from "../errors.ts";
import { issueAt } from "../layer/apply-layers.ts";
import type { Loc } from "../layer/working-model.ts";
import type { LoadedPackage } from "../metadata/types.ts";
import type { FormDef, MenuDef, ViewDef } from "./types.ts";

export interface Working<T> {
  readonly def: T;
  readonly loc: Loc;
}

/** The form, view and menu files of every package, after replacements. */
export interface WorkingUi {
  /** entity → its form */
  readonly forms: ReadonlyMap<string, Working<FormDef>>;
  /** view name → view */
  readonly views: ReadonlyMap<string, Working<ViewDef>>;
  /** at most one per package, in package (dependency) order: the order they merge in */
  readonly menus: readonly Working<MenuDef>[];
}

/**
 * Gathers forms (one per entity), views (one per name) and menus (one per package). A
 * customization package may replace the form or view of a package it depends on by giving its
 * own for the same entity or name; any other repeat is an issue naming both files.
 */
export function collectUi(ordered: readonly LoadedPackage[]): { ui: WorkingUi; issues: Issue[] } {
  const forms = new Map<string, Working<FormDef>>();
  const views = new Map<string, Working<ViewDef>>();
  const menus: Working<MenuDef>[] = [];
  const issues: Issue[] = [];
  const byName = new Map(ordered.map((pkg) => [pkg.manifest.name, pkg]));
  for (const pkg of ordered) {
    const name = pkg.manifest.name;
    const replaceable =
      pkg.manifest.layer === "customization" ? dependencyClosure(name, byName) : new Set<string>();
    const keep = <T>(
      found: Map<string, Working<T>>,
      key: string,
      working: Working<T>,
      pointer: string,
      code: string,
      what: string,
    ): void => {
      const existing = found.get(key);
      if (existing && !replaceable.has(existing.loc.package)) {
        issues.push(
          issueAt(
            { ...working.loc, pointer },
            code,
            `${what} is already defined in ${existing.loc.package}/${existing.loc.file}; only a customization package that depends on "${existing.loc.package}" may replace it`,
          ),
        );
        return;
      }
      found.set(key, working);
    };
    let menu: Working<MenuDef> | undefined;
    for (const { file, def } of pkg.components) {
      const loc = { package: name, file, pointer: "" };
      if (def.kind === "form")
        keep(
          forms,
          def.entity,
          { def, loc },
          "/entity",
          "duplicate-form",
          `the form of "${def.entity}"`,
        );
      else if (def.kind === "view")
        keep(views, def.name, { def, loc }, "/name", "duplicate-view", `view "${def.name}"`);
      else if (def.kind === "menu" && menu)
        issues.push(
          issueAt(
            loc,
            "duplicate-menu",
            `package "${name}" already has a menu in ${menu.loc.file}; a package has one menu`,
          ),
        );
      else if (def.kind === "menu") {
        menu = { def, loc };
        menus.push(menu);
      }
    }
  }
  return { ui: { forms, views, menus }, issues };
}
