import type { Labels } from "../metadata/types.ts";
import type { Entity, Origin } from "../model/app-model.ts";
import { formField, locatedTabs } from "./form-layout.ts";
import { tablePaths } from "./table-paths.ts";
import type { Form, FormDef, FormField, FormSection, FormTab, SectionColumns } from "./types.ts";

/** Where fields a form does not place go (an existing section of that id, else a new last one). */
export const OTHER_FIELDS_SECTION = "other_fields";
const OTHER_FIELDS_LABELS: Labels = { en: "Other Fields", "zh-CN": "其他字段" };
/** The id of the single tab (and, in a form that places nothing, its single section). */
export const MAIN_ID = "main";

/**
 * A checked form file (or, for the default form, `{ kind: "form", entity }`) → the compiled form.
 * Fields the file does not place are appended in the entity's order to the section
 * `other_fields` (made at the end of the last tab if the form has none), so no field — a
 * required one added later by a customization, say — is ever out of reach. Every table field,
 * its lines' table fields included (`lines.schedule`), gets its columns: the file's, else every
 * child field that is not itself a table.
 */
export function compileForm(
  def: FormDef,
  entity: Entity,
  entities: Readonly<Record<string, Entity>>,
  origin?: Origin,
): Form {
  const tabs = locatedTabs(def).map((tab) => ({
    id: tab.def?.id ?? MAIN_ID,
    labels: tab.def?.labels ?? def.labels ?? entity.labels,
    sections: tab.sections.map(({ def: section }) => ({
      id: section.id,
      ...(section.labels && { labels: section.labels }),
      ...(section.columns !== undefined && { columns: section.columns }),
      fields: section.fields.map((entry) => copyField(formField(entry))),
    })),
  }));
  const placed = new Set(
    tabs.flatMap((tab) => tab.sections.flatMap((s) => s.fields.map((f) => f.field))),
  );
  const omitted = entity.fields.filter((f) => !placed.has(f.name)).map((f) => ({ field: f.name }));
  if (omitted.length > 0) {
    const sections = tabs.flatMap((tab) => tab.sections);
    const other = sections.find((s) => s.id === OTHER_FIELDS_SECTION);
    if (other) other.fields.push(...omitted);
    else {
      if (tabs.length === 0)
        tabs.push({ id: MAIN_ID, labels: def.labels ?? entity.labels, sections: [] });
      tabs[tabs.length - 1]!.sections.push(
        sections.length === 0
          ? { id: MAIN_ID, fields: omitted }
          : { id: OTHER_FIELDS_SECTION, labels: OTHER_FIELDS_LABELS, fields: omitted },
      );
    }
  }
  const tables: Record<string, { columns: string[] }> = {};
  for (const { path, child } of tablePaths(entity, entities)) {
    const columns =
      def.tables?.[path]?.columns ??
      child.fields.filter((f) => f.type !== "table").map((f) => f.name);
    tables[path] = { columns: [...columns] };
  }
  return {
    entity: entity.name,
    ...(def.labels && { labels: def.labels }),
    tabs: tabs.map(
      (tab): FormTab => ({
        id: tab.id,
        labels: tab.labels,
        sections: tab.sections.map(withColumns),
      }),
    ),
    tables,
    ...(origin && { origin }),
  };
}

/** A section's columns: as written, else 2 past 6 fields (a long single column reads poorly). */
function withColumns(section: {
  id: string;
  labels?: Labels;
  columns?: SectionColumns;
  fields: FormField[];
}): FormSection {
  return {
    id: section.id,
    ...(section.labels && { labels: section.labels }),
    columns: section.columns ?? (section.fields.length > 6 ? 2 : 1),
    fields: section.fields,
  };
}

function copyField({ field, widget, placeholder }: FormField): FormField {
  return {
    field,
    ...(widget !== undefined && { widget }),
    ...(placeholder && { placeholder }),
  };
}
