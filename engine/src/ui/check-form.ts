import type { Issue } from "../errors.ts";
import { issueAt } from "../layer/apply-layers.ts";
import type { Loc } from "../layer/working-model.ts";
import type { Entity } from "../model/app-model.ts";
import type { Working } from "./collect-ui.ts";
import { fieldNamePointer, formField, locatedTabs } from "./form-layout.ts";
import type { FormDef } from "./types.ts";
import { WIDGET_FIELD_TYPES, widgetFits } from "./widgets.ts";

/**
 * A form lays out a document entity that exists: tab and section ids once each, every field
 * named once and existing, widgets that fit their field's type, and table columns that are
 * fields of the child entity (not tables themselves), for tables named by their path from the
 * entity (`lines`, `lines.schedule` for the table field of a line).
 */
export function checkForm(
  { def, loc }: Working<FormDef>,
  entities: Readonly<Record<string, Entity>>,
): Issue[] {
  const at = (pointer: string): Loc => ({ ...loc, pointer });
  const entity = entities[def.entity];
  if (!entity)
    return [
      issueAt(
        at("/entity"),
        "unknown-entity",
        `lays out entity "${def.entity}", which no package defines`,
      ),
    ];
  if (entity.type === "child")
    return [
      issueAt(
        at("/entity"),
        "form-on-child",
        `"${def.entity}" holds the lines of "${entity.parent?.entity}": lay them out in the "tables" of that entity's form`,
      ),
    ];
  const issues: Issue[] = [];
  const tabIds = new Set<string>();
  const sectionIds = new Set<string>();
  const placed = new Map<string, string>();
  (def.tabs ?? []).forEach((tab, i) => {
    if (tabIds.has(tab.id))
      issues.push(
        issueAt(
          at(`/tabs/${i}/id`),
          "duplicate-tab",
          `tab id "${tab.id}" is used twice in this form`,
        ),
      );
    tabIds.add(tab.id);
  });
  for (const tab of locatedTabs(def)) {
    for (const section of tab.sections) {
      if (sectionIds.has(section.def.id))
        issues.push(
          issueAt(
            at(`${section.pointer}/id`),
            "duplicate-section",
            `section id "${section.def.id}" is used twice in this form`,
          ),
        );
      sectionIds.add(section.def.id);
      section.def.fields.forEach((entry, k) => {
        const pointer = `${section.pointer}/fields/${k}`;
        const { field: name, widget } = formField(entry);
        const field = entity.fields.find((f) => f.name === name);
        if (!field) {
          issues.push(
            issueAt(
              at(fieldNamePointer(entry, pointer)),
              "unknown-field",
              `entity "${entity.name}" has no field "${name}"`,
            ),
          );
          return;
        }
        const first = placed.get(name);
        if (first !== undefined)
          issues.push(
            issueAt(
              at(fieldNamePointer(entry, pointer)),
              "duplicate-form-field",
              `field "${name}" is already placed at ${first}; a field appears once in a form`,
            ),
          );
        else placed.set(name, pointer);
        if (widget !== undefined && !widgetFits(widget, field.type))
          issues.push(
            issueAt(
              at(`${pointer}/widget`),
              "bad-widget",
              `widget "${widget}" cannot edit "${name}", a ${field.type} field; it edits ${WIDGET_FIELD_TYPES[widget].join(", ")} fields`,
            ),
          );
      });
    }
  }
  for (const [path, table] of Object.entries(def.tables ?? {})) {
    const pointer = `/tables/${path}`;
    const located = tableAt(entity, path, entities);
    if ("code" in located) {
      issues.push(issueAt(at(pointer), located.code, located.message));
      continue;
    }
    const { child } = located;
    table.columns.forEach((column, k) => {
      const found = child.fields.find((f) => f.name === column);
      if (!found)
        issues.push(
          issueAt(
            at(`${pointer}/columns/${k}`),
            "unknown-field",
            `line entity "${child.name}" has no field "${column}"`,
          ),
        );
      else if (found.type === "table")
        issues.push(
          issueAt(
            at(`${pointer}/columns/${k}`),
            "table-column",
            `"${column}" is a table field: its lines open under their line; lay them out as "${path}.${column}"`,
          ),
        );
    });
  }
  return issues;
}

/** The child entity of the table at `path` (`lines.schedule`), or why no table is there. */
function tableAt(
  entity: Entity,
  path: string,
  entities: Readonly<Record<string, Entity>>,
): { child: Entity } | { code: string; message: string } {
  let holder = entity;
  for (const name of path.split(".")) {
    const field = holder.fields.find((f) => f.name === name);
    if (!field)
      return { code: "unknown-field", message: `entity "${holder.name}" has no field "${name}"` };
    const child = field.target === undefined ? undefined : entities[field.target];
    if (field.type !== "table" || !child)
      return {
        code: "not-a-table",
        message: `"${name}" is a ${field.type} field; "tables" lays out table fields`,
      };
    holder = child;
  }
  return { child: holder };
}
