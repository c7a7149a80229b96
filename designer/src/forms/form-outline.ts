import type { FieldDef, Labels, SectionColumns, Widget } from "@loom/engine";
import type { JSONPath } from "jsonc-parser";
import { type DesignContext, isObject } from "../draft/design-context.ts";
import { fieldRows } from "../draft/field-rows.ts";

/** What a form edit works on: the draft, the entity, and the fields the form lays out. */
export interface FormTarget {
  readonly ctx: DesignContext;
  readonly entity: string;
  /**
   * the entity's fields in the app's order: its own, its extensions', and those the engine adds
   * (a submittable entity's lifecycle fields)
   */
  readonly fields: readonly FieldDef[];
}

/** A field placed in a section, as written in the form file. */
export interface OutlineField {
  readonly name: string;
  readonly widget?: Widget;
  readonly placeholder?: Labels;
  /** the entry as written: the name, or `{ field, widget?, placeholder? }` */
  readonly entry: unknown;
  /** where the entry is in the form file, and its index in the section's `fields` */
  readonly path: JSONPath;
  readonly pointer: string;
  readonly index: number;
  /** the entity's field; undefined for a name the entity does not have */
  readonly field: FieldDef | undefined;
}

export interface OutlineSection {
  readonly id: string;
  readonly labels?: Labels;
  readonly columns?: SectionColumns;
  /** the section as written, its place in the file and its index among its tab's sections */
  readonly value: unknown;
  readonly path: JSONPath;
  readonly pointer: string;
  readonly index: number;
  readonly fields: readonly OutlineField[];
}

export interface OutlineTab {
  readonly id: string;
  readonly labels?: Labels;
  /** where the tab is in the file; absent for the one tab of a form written with `sections` */
  readonly path?: JSONPath;
  readonly pointer?: string;
  readonly sections: readonly OutlineSection[];
}

/** A grid of lines (`lines`, or `lines.schedule` of a line) and the line fields it shows. */
export interface OutlineTable {
  readonly path: string;
  /** the child entity holding the lines */
  readonly child: string;
  /** the table field's labels (the last step of the path) */
  readonly labels: Labels;
  readonly columns: readonly { readonly name: string; readonly field: FieldDef | undefined }[];
  /** the form names the columns; else every line field that is not a table shows */
  readonly laidOut: boolean;
  /** line fields that could be added as columns */
  readonly available: readonly FieldDef[];
}

/** A form as the designer shows it: tabs of sections of fields, what is left out, the grids. */
export interface FormOutline {
  /** written with `tabs` (else one implicit tab: its `sections`) */
  readonly tabbed: boolean;
  /** the form's layout is written (false: the default, one section holding every field) */
  readonly written: boolean;
  readonly labels?: Labels;
  readonly tabs: readonly OutlineTab[];
  /** fields no section places, in the entity's order: the app shows them under "Other Fields" */
  readonly unplaced: readonly FieldDef[];
  readonly tables: readonly OutlineTable[];
}

/**
 * The fields a form of the entity lays out: the entity's own and its extensions' as the draft
 * has them now, then those only the compiled entity has (a submittable entity's lifecycle
 * fields, which the engine adds).
 */
export function formFields(
  ctx: DesignContext,
  entity: string,
  compiled: { readonly fields: readonly FieldDef[] } | undefined,
): FieldDef[] {
  const fields = fieldRows(ctx, entity).map((row) => row.field);
  const names = new Set(fields.map((field) => field.name));
  return [...fields, ...(compiled?.fields ?? []).filter((field) => !names.has(field.name))];
}

/** The id of the default form's one section, as the engine names it (compile-form.ts). */
export const MAIN_ID = "main";

/** The layout of the engine's default form: one section holding every field. */
export function defaultSections(fields: readonly FieldDef[]): { id: string; fields: string[] }[] {
  return [{ id: MAIN_ID, fields: fields.map((field) => field.name) }];
}

/**
 * The outline of a form file's parsed JSON (undefined: no file, the default form). It reads what
 * is there, however broken: entries it cannot read are skipped, indexes and pointers stay those of
 * the file, so the engine's issues can be shown where they point.
 */
export function formOutline(target: FormTarget, value: unknown): FormOutline {
  const form = isObject(value) ? value : {};
  const byName = new Map(target.fields.map((field) => [field.name, field]));
  const tabbed = Array.isArray(form.tabs);
  const written = tabbed || Array.isArray(form.sections);
  const sectionsAt = (list: unknown, path: JSONPath): OutlineSection[] =>
    (Array.isArray(list) ? list : []).flatMap((section, index) =>
      isObject(section) ? [sectionOf(section, [...path, index], index, byName)] : [],
    );
  const tabs: OutlineTab[] = tabbed
    ? (form.tabs as unknown[]).flatMap((tab, i) =>
        isObject(tab)
          ? [
              {
                id: String(tab.id ?? ""),
                ...labelsOf(tab.labels),
                path: ["tabs", i],
                pointer: `/tabs/${i}`,
                sections: sectionsAt(tab.sections, ["tabs", i, "sections"]),
              },
            ]
          : [],
      )
    : [
        {
          id: MAIN_ID,
          sections: sectionsAt(written ? form.sections : defaultSections(target.fields), [
            "sections",
          ]),
        },
      ];
  const placed = new Set(
    tabs.flatMap((tab) => tab.sections.flatMap((s) => s.fields.map((f) => f.name))),
  );
  return {
    tabbed,
    written,
    ...labelsOf(form.labels),
    tabs,
    unplaced: target.fields.filter((field) => !placed.has(field.name)),
    tables: tablesOf(target, isObject(form.tables) ? form.tables : {}),
  };
}

/** Every section of the outline, whatever its tab. */
export function allSections(outline: FormOutline): OutlineSection[] {
  return outline.tabs.flatMap((tab) => tab.sections);
}

/** The first place of a field in the outline (a field placed twice is a problem the engine names). */
export function placeOf(
  outline: FormOutline,
  name: string,
): { section: OutlineSection; field: OutlineField } | undefined {
  for (const section of allSections(outline)) {
    const field = section.fields.find((f) => f.name === name);
    if (field) return { section, field };
  }
  return undefined;
}

/** The columns a section shows: as written, else the engine's default (2 past 6 fields). */
export function columnsOf(section: OutlineSection): SectionColumns {
  return section.columns ?? (section.fields.length > 6 ? 2 : 1);
}

function sectionOf(
  section: Record<string, unknown>,
  path: JSONPath,
  index: number,
  byName: ReadonlyMap<string, FieldDef>,
): OutlineSection {
  const pointer = `/${path.join("/")}`;
  const fields = (Array.isArray(section.fields) ? section.fields : []).flatMap((entry, k) => {
    const object = isObject(entry) ? entry : undefined;
    const name = typeof entry === "string" ? entry : object?.field;
    if (typeof name !== "string") return [];
    return [
      {
        name,
        ...(typeof object?.widget === "string" && { widget: object.widget as Widget }),
        ...(isObject(object?.placeholder) && {
          placeholder: object.placeholder as unknown as Labels,
        }),
        entry,
        path: [...path, "fields", k],
        pointer: `${pointer}/fields/${k}`,
        index: k,
        field: byName.get(name),
      },
    ];
  });
  return {
    id: String(section.id ?? ""),
    ...labelsOf(section.labels),
    ...([1, 2, 3].includes(section.columns as number) && {
      columns: section.columns as SectionColumns,
    }),
    value: section,
    path,
    pointer,
    index,
    fields,
  };
}

function labelsOf(value: unknown): { labels?: Labels } {
  return isObject(value) ? { labels: value as unknown as Labels } : {};
}

/** The grids of the entity's table fields and of their lines' table fields, by path. */
function tablesOf(target: FormTarget, written: Record<string, unknown>): OutlineTable[] {
  const walk = (fields: readonly FieldDef[], prefix: string, seen: Set<string>): OutlineTable[] =>
    fields.flatMap((field) => {
      if (field.type !== "table" || !field.target || seen.has(field.target)) return [];
      const path = `${prefix}${field.name}`;
      const lineFields = fieldRows(target.ctx, field.target).map((row) => row.field);
      const byName = new Map(lineFields.map((f) => [f.name, f]));
      const table = written[path];
      const names =
        isObject(table) && Array.isArray(table.columns)
          ? table.columns.filter((c): c is string => typeof c === "string")
          : undefined;
      const columns = (
        names ?? lineFields.filter((f) => f.type !== "table").map((f) => f.name)
      ).map((name) => ({ name, field: byName.get(name) }));
      const shown = new Set(columns.map((c) => c.name));
      return [
        {
          path,
          child: field.target,
          labels: field.labels,
          columns,
          laidOut: names !== undefined,
          available: lineFields.filter((f) => f.type !== "table" && !shown.has(f.name)),
        },
        ...walk(lineFields, `${path}.`, new Set([...seen, field.target])),
      ];
    });
  return walk(target.fields, "", new Set());
}
