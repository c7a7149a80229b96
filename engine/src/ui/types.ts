import type { JsonLogic, Labels } from "../metadata/types.ts";
import type { Origin } from "../model/app-model.ts";
import type { Widget } from "./widgets.ts";

/**
 * Forms, list views and the menu: the files as consultants write them (`…Def`, mirroring
 * `schemas/form|view|menu.schema.json`) and as compiled into `AppModel.forms`, `.views`, `.menu`.
 */

/** A field of a form section as written: its name, or the name with a widget or placeholder. */
export type FormFieldDef = string | FormField;

export interface FormSectionDef {
  id: string;
  labels?: Labels;
  columns?: SectionColumns;
  fields: FormFieldDef[];
}

export interface FormTabDef {
  id: string;
  labels: Labels;
  sections: FormSectionDef[];
}

export interface FormTableDef {
  columns: string[];
}

/** `forms/<entity>.json`: either `tabs`, or `sections` (one tab), or neither (every field). */
export interface FormDef {
  kind: "form";
  entity: string;
  labels?: Labels;
  tabs?: FormTabDef[];
  sections?: FormSectionDef[];
  /** by table path: `lines`, or `lines.schedule` for the table field of a line */
  tables?: Record<string, FormTableDef>;
}

export interface ViewSortDef {
  field: string;
  desc?: boolean;
}

/** `views/<name>.json`. */
export interface ViewDef {
  kind: "view";
  name: string;
  entity: string;
  labels: Labels;
  description?: Labels;
  columns: string[];
  sort?: ViewSortDef[];
  filter?: JsonLogic;
  quickSearch?: string[];
  pageSize?: number;
}

export type MenuItem =
  | { readonly view: string }
  | { readonly entity: string }
  | { readonly dashboard: string }
  | { readonly report: string };

export interface MenuModuleDef {
  id: string;
  /** required where the module first appears; a later package may only add items */
  labels?: Labels;
  icon?: string;
  items?: MenuItem[];
}

/** `menu.json`: at most one per package. */
export interface MenuDef {
  kind: "menu";
  modules: MenuModuleDef[];
}

export type SectionColumns = 1 | 2 | 3;

export interface FormField {
  readonly field: string;
  readonly widget?: Widget;
  readonly placeholder?: Labels;
}

export interface FormSection {
  readonly id: string;
  readonly labels?: Labels;
  readonly columns: SectionColumns;
  readonly fields: readonly FormField[];
}

export interface FormTab {
  readonly id: string;
  readonly labels: Labels;
  readonly sections: readonly FormSection[];
}

/**
 * The compiled form of a document entity (`AppModel.forms[entity]`): every field of the entity
 * appears exactly once across the tabs, and every table field has its columns.
 */
export interface Form {
  readonly entity: string;
  readonly labels?: Labels;
  readonly tabs: readonly FormTab[];
  /**
   * table field → the child fields shown as columns of its inline grid; a line's own table field
   * by its path from the entity (`lines.schedule`)
   */
  readonly tables: Readonly<Record<string, { readonly columns: readonly string[] }>>;
  /** the file the form came from; absent for the default form derived from the entity */
  readonly origin?: Origin;
}

export interface ViewSort {
  readonly field: string;
  readonly desc: boolean;
}

/** A compiled list view (`AppModel.views[name]`); the default view of entity E is named E. */
export interface View {
  readonly name: string;
  readonly entity: string;
  readonly labels: Labels;
  readonly description?: Labels;
  readonly columns: readonly string[];
  readonly sort: readonly ViewSort[];
  readonly filter?: JsonLogic;
  readonly quickSearch: readonly string[];
  readonly pageSize?: number;
  /** the file the view came from; absent for a default view */
  readonly origin?: Origin;
}

export interface MenuModule {
  readonly id: string;
  readonly labels: Labels;
  readonly icon?: string;
  readonly items: readonly MenuItem[];
}

/** The merged menu of every package (`AppModel.menu`). */
export interface Menu {
  readonly modules: readonly MenuModule[];
}
