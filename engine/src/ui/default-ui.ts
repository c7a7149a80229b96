import type { AppModel } from "../model/app-model.ts";
import { type CompiledUi, compileUi } from "./compile-ui.ts";

const NO_FILES = { forms: new Map(), views: new Map(), menus: [] };

/**
 * The forms, views and menu of a model compiled before they existed (a revision stored by an
 * earlier version): the defaults, as if its packages had none. Such a model has no package
 * labels, so the modules of the default menu are labelled with the package names.
 */
export function defaultUi(model: Pick<AppModel, "packages" | "entities">): CompiledUi {
  const packages = model.packages.map(({ name }) => ({ name, labels: { en: name } }));
  return compileUi(NO_FILES, model.entities, packages);
}
