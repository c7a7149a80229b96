import type { Labels, SectionColumns, Widget } from "@loom/engine";
import { type FileChanges, isObject } from "../draft/design-context.ts";
import { findEntity } from "../draft/entity-catalog.ts";
import { FileWriter } from "../draft/file-writer.ts";
import {
  allSections,
  defaultSections,
  type FormOutline,
  type FormTarget,
  formOutline,
  MAIN_ID,
  type OutlineSection,
  type OutlineTab,
  placeOf,
} from "./form-outline.ts";
import { draftFormFile, formInEffect } from "./form-source.ts";

/**
 * The form designer's steps as file changes of the draft. The draft's own form file is edited as
 * text (jsonc-parser, so the rest keeps its layout); a base package's form, or the default one,
 * is first copied into the draft's `forms/<entity>.json`, which replaces it (form-source.ts).
 */

export type FormRefusalCode =
  | "not-a-form"
  | "unknown-field"
  | "unknown-section"
  | "unknown-tab"
  | "unknown-table"
  | "cannot-move"
  | "last-tab"
  | "last-section"
  | "last-column";

export interface FormRefusal {
  readonly code: FormRefusalCode;
  readonly message: string;
}

export type FormEditResult =
  /** `id`: the tab or section a step added */
  | { readonly ok: true; readonly changes: FileChanges; readonly id?: string }
  | { readonly ok: false; readonly refusal: FormRefusal };

/** Where a field goes: into a section, before one of its fields (null: at its end). */
export interface FieldSpot {
  readonly section: string;
  readonly before: string | null;
}

/** A field's widget and placeholder; an undefined value removes it. */
export interface FieldLook {
  readonly widget?: Widget | undefined;
  readonly placeholder?: Labels | undefined;
}

/** A section's heading and columns; an undefined value removes it. */
export interface SectionPatch {
  readonly labels?: Labels | undefined;
  readonly columns?: SectionColumns | undefined;
}

interface OpenForm {
  readonly writer: FileWriter;
  readonly file: string;
  readonly outline: FormOutline;
  /** the form as written now */
  readonly value: Record<string, unknown>;
}

type Step = (form: OpenForm) => FormRefusal | { id: string } | undefined;

const refusal = (code: FormRefusalCode, message: string): FormRefusal => ({ code, message });

/**
 * Runs a step on the draft's form file of the entity: made first when the draft has none (a copy
 * of the form in effect, the default one written out), its layout written out when it has none.
 */
function editForm(target: FormTarget, step: Step): FormEditResult {
  const { ctx, entity, fields } = target;
  const writer = new FileWriter(ctx.draft.files);
  const file = draftFormFile(ctx, entity);
  const { source, value } = formInEffect(ctx, entity);
  if (source.kind !== "draft")
    writer.create(file, value ?? { kind: "form", entity, sections: defaultSections(fields) });
  const current = writer.value(file);
  if (!isObject(current))
    return { ok: false, refusal: refusal("not-a-form", `${file} is not a JSON object`) };
  if (!Array.isArray(current.tabs) && !Array.isArray(current.sections))
    writer.set(file, ["sections"], defaultSections(fields));
  const written = writer.value(file) as Record<string, unknown>;
  const outcome = step({ writer, file, value: written, outline: formOutline(target, written) });
  if (outcome && "code" in outcome) return { ok: false, refusal: outcome };
  return { ok: true, changes: writer.changes(), ...(outcome && { id: outcome.id }) };
}

function sectionById(outline: FormOutline, id: string): OutlineSection | FormRefusal {
  return (
    allSections(outline).find((section) => section.id === id) ??
    refusal("unknown-section", `the form has no section ${id}`)
  );
}

function tabOf(outline: FormOutline, section: OutlineSection): OutlineTab {
  return outline.tabs.find((tab) => tab.sections.includes(section))!;
}

function tabById(outline: FormOutline, id: string): OutlineTab | FormRefusal {
  return (
    (outline.tabbed ? outline.tabs.find((tab) => tab.id === id) : undefined) ??
    refusal("unknown-tab", `the form has no tab ${id}`)
  );
}

/**
 * Places a field at `spot`: moves it there when a section has it already, else adds it (it
 * leaves the "Other Fields" the app showed it in). Its widget and placeholder go with it.
 */
export function placeField(target: FormTarget, name: string, spot: FieldSpot): FormEditResult {
  return editForm(target, ({ writer, file, outline }) => {
    const to = sectionById(outline, spot.section);
    if ("code" in to) return to;
    const from = placeOf(outline, name);
    if (!from && !target.fields.some((field) => field.name === name))
      return refusal("unknown-field", `${target.entity} has no field ${name}`);
    if (spot.before === name) return undefined;
    if (from) writer.set(file, from.field.path, undefined);
    const rest = to.fields.filter((field) => field !== from?.field);
    const before = rest.find((field) => field.name === spot.before);
    // the indexes of the section's entries once the field has left it
    const index =
      before === undefined
        ? -1
        : from?.section === to && from.field.index < before.index
          ? before.index - 1
          : before.index;
    writer.insert(file, [...to.path, "fields"], index, from?.field.entry ?? name);
    return undefined;
  });
}

/** Moves a placed field one place up (-1) or down (+1) within its section. */
export function moveField(target: FormTarget, name: string, by: -1 | 1): FormEditResult {
  const outline = currentOutline(target);
  const at = placeOf(outline, name);
  if (!at) return { ok: false, refusal: refusal("unknown-field", `${name} is not placed`) };
  const fields = at.section.fields;
  const i = fields.indexOf(at.field);
  if (i + by < 0 || i + by >= fields.length)
    return {
      ok: false,
      refusal: refusal("cannot-move", `${name} is the ${by < 0 ? "first" : "last"} of its section`),
    };
  const before = by < 0 ? fields[i - 1]!.name : (fields[i + 2]?.name ?? null);
  return placeField(target, name, { section: at.section.id, before });
}

/** Takes a field out of its section: the app shows it last, under "Other Fields". */
export function unplaceField(target: FormTarget, name: string): FormEditResult {
  return editForm(target, ({ writer, file, outline }) => {
    const at = placeOf(outline, name);
    if (!at) return refusal("unknown-field", `${name} is not placed`);
    writer.set(file, at.field.path, undefined);
    return undefined;
  });
}

/** Sets a placed field's widget and placeholder; with neither it is written as its bare name. */
export function setFieldLook(target: FormTarget, name: string, look: FieldLook): FormEditResult {
  return editForm(target, ({ writer, file, outline }) => {
    const at = placeOf(outline, name);
    if (!at) return refusal("unknown-field", `${name} is not placed`);
    const { widget, placeholder } = { ...at.field, ...look };
    const entry =
      widget === undefined && placeholder === undefined
        ? name
        : {
            field: name,
            ...(widget !== undefined && { widget }),
            ...(placeholder !== undefined && { placeholder }),
          };
    writer.set(file, at.field.path, entry);
    return undefined;
  });
}

/**
 * Adds a section at the end of a tab (`tab` null: the form's one implicit tab). It starts empty,
 * which the engine reports until a field is placed in it: a section shows at least one field.
 */
export function addSection(target: FormTarget, tab: string | null, labels: Labels): FormEditResult {
  return editForm(target, ({ writer, file, outline }) => {
    const id = freeId(
      allSections(outline).map((s) => s.id),
      "section",
    );
    const section = { id, labels, fields: [] };
    if (!outline.tabbed) {
      writer.insert(file, ["sections"], -1, section);
      return { id };
    }
    const holder = tabById(outline, tab ?? "");
    if ("code" in holder) return holder;
    writer.insert(file, [...holder.path!, "sections"], -1, section);
    return { id };
  });
}

/** Removes a section; its fields go to "Other Fields". A tab keeps at least one section. */
export function removeSection(target: FormTarget, id: string): FormEditResult {
  return editForm(target, ({ writer, file, outline }) => {
    const section = sectionById(outline, id);
    if ("code" in section) return section;
    if (tabOf(outline, section).sections.length === 1)
      return refusal("last-section", `section ${id} is the only one of its tab`);
    writer.set(file, section.path, undefined);
    return undefined;
  });
}

/** Moves a section one place up (-1) or down (+1) within its tab. */
export function moveSection(target: FormTarget, id: string, by: -1 | 1): FormEditResult {
  return editForm(target, ({ writer, file, outline }) => {
    const section = sectionById(outline, id);
    if ("code" in section) return section;
    const siblings = tabOf(outline, section).sections;
    const i = siblings.indexOf(section);
    if (i + by < 0 || i + by >= siblings.length)
      return refusal("cannot-move", `section ${id} is the ${by < 0 ? "first" : "last"} of its tab`);
    const list = section.path.slice(0, -1);
    writer.set(file, section.path, undefined);
    writer.insert(file, list, siblings[i + by]!.index, section.value);
    return undefined;
  });
}

/** Moves a section to the end of another tab; the tab it leaves keeps at least one section. */
export function moveSectionToTab(target: FormTarget, id: string, tab: string): FormEditResult {
  return editForm(target, ({ writer, file, outline }) => {
    const section = sectionById(outline, id);
    if ("code" in section) return section;
    const to = tabById(outline, tab);
    if ("code" in to) return to;
    const from = tabOf(outline, section);
    if (from === to) return undefined;
    if (from.sections.length === 1)
      return refusal("last-section", `section ${id} is the only one of tab ${from.id}`);
    writer.set(file, section.path, undefined);
    writer.insert(file, [...to.path!, "sections"], -1, section.value);
    return undefined;
  });
}

/** Sets a section's heading (absent: none) and its columns (absent: the engine's default). */
export function setSection(target: FormTarget, id: string, patch: SectionPatch): FormEditResult {
  return editForm(target, ({ writer, file, outline }) => {
    const section = sectionById(outline, id);
    if ("code" in section) return section;
    for (const [property, value] of Object.entries(patch))
      writer.set(file, [...section.path, property], value);
    return undefined;
  });
}

/**
 * Adds a tab at the end, with an empty first section. A form written with `sections` becomes one
 * with `tabs`: its sections go into a first tab titled like the form.
 */
export function addTab(target: FormTarget, labels: Labels, section: Labels): FormEditResult {
  return editForm(target, ({ writer, file, outline, value }) => {
    // a form of sections turns into tabs with a first tab `main` holding them
    const tabIds = outline.tabbed ? outline.tabs.map((tab) => tab.id) : [MAIN_ID];
    const id = freeId(tabIds, "tab");
    const first = {
      id: freeId(
        allSections(outline).map((s) => s.id),
        "section",
      ),
      labels: section,
    };
    const tab = { id, labels, sections: [{ ...first, fields: [] }] };
    if (outline.tabbed) {
      writer.insert(file, ["tabs"], -1, tab);
      return { id };
    }
    const title = (isObject(value.labels) ? value.labels : undefined) ??
      findEntity(target.ctx, target.entity)?.labels ?? { en: target.entity };
    writer.set(file, ["tabs"], [{ id: MAIN_ID, labels: title, sections: value.sections }, tab]);
    writer.set(file, ["sections"], undefined);
    return { id };
  });
}

/** Removes a tab; the fields of its sections go to "Other Fields". A form keeps one tab. */
export function removeTab(target: FormTarget, id: string): FormEditResult {
  return editForm(target, ({ writer, file, outline }) => {
    const tab = tabById(outline, id);
    if ("code" in tab) return tab;
    if (outline.tabs.length === 1) return refusal("last-tab", `tab ${id} is the form's only tab`);
    writer.set(file, tab.path!, undefined);
    return undefined;
  });
}

/** Moves a tab one place left (-1) or right (+1). */
export function moveTab(target: FormTarget, id: string, by: -1 | 1): FormEditResult {
  return editForm(target, ({ writer, file, outline, value }) => {
    const tab = tabById(outline, id);
    if ("code" in tab) return tab;
    const i = outline.tabs.indexOf(tab);
    if (i + by < 0 || i + by >= outline.tabs.length)
      return refusal("cannot-move", `tab ${id} is the ${by < 0 ? "first" : "last"} one`);
    const raw = (value.tabs as unknown[])[tab.path![1] as number];
    writer.set(file, tab.path!, undefined);
    writer.insert(file, ["tabs"], outline.tabs[i + by]!.path![1] as number, raw);
    return undefined;
  });
}

/** Sets a tab's title. */
export function setTabLabels(target: FormTarget, id: string, labels: Labels): FormEditResult {
  return editForm(target, ({ writer, file, outline }) => {
    const tab = tabById(outline, id);
    if ("code" in tab) return tab;
    writer.set(file, [...tab.path!, "labels"], labels);
    return undefined;
  });
}

/** Sets the columns of a grid of lines, in order; a grid shows at least one. */
export function setTableColumns(
  target: FormTarget,
  path: string,
  columns: readonly string[],
): FormEditResult {
  return editForm(target, ({ writer, file, outline }) => {
    if (!outline.tables.some((table) => table.path === path))
      return refusal("unknown-table", `${target.entity} has no table ${path}`);
    if (columns.length === 0) return refusal("last-column", `the grid of ${path} needs a column`);
    writer.set(file, ["tables", path], { columns });
    return undefined;
  });
}

/**
 * Removes the draft's form file: the form in effect is again the base package's (or the
 * default). Nothing to do when the draft has none.
 */
export function dropDraftForm(target: FormTarget): FormEditResult {
  const { source } = formInEffect(target.ctx, target.entity);
  const writer = new FileWriter(target.ctx.draft.files);
  if (source.kind === "draft") writer.remove(source.file);
  return { ok: true, changes: writer.changes() };
}

/** The outline of the form in effect, as the page shows it. */
export function currentOutline(target: FormTarget): FormOutline {
  return formOutline(target, formInEffect(target.ctx, target.entity).value);
}

/** `<prefix>_<n>`, the first n from the count up that no id takes. */
function freeId(taken: readonly string[], prefix: string): string {
  for (let n = taken.length + 1; ; n++) {
    const id = `${prefix}_${n}`;
    if (!taken.includes(id)) return id;
  }
}
