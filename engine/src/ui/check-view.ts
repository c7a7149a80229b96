import { whereIssues } from "../compile/check-roles.ts";
import type { Issue } from "../errors.ts";
import { issueAt } from "../layer/apply-layers.ts";
import type { Loc } from "../layer/working-model.ts";
import type { FieldType } from "../metadata/types.ts";
import type { Entity } from "../model/app-model.ts";
import type { Working } from "./collect-ui.ts";
import type { ViewDef } from "./types.ts";
import { SEARCHABLE_TYPES } from "./widgets.ts";

/** System columns a list may show and sort by, besides the entity's fields. */
export const LISTED_SYSTEM_COLUMNS: Readonly<Record<string, FieldType>> = {
  created_at: "datetime",
  created_by: "text",
  updated_at: "datetime",
  updated_by: "text",
};

/** Types a list cannot sort by: no single comparable value per row (the runtime's rule). */
const UNSORTABLE: readonly FieldType[] = ["table", "multiselect", "json"];

/**
 * A view lists a document entity that exists (a view named after an entity lists that one: it is
 * its default view), shows and sorts by fields it has, searches text fields, and filters with
 * a condition that compiles to SQL against it, like a role's row scope (`$user.*` allowed).
 */
export function checkView(
  { def, loc }: Working<ViewDef>,
  entities: Readonly<Record<string, Entity>>,
): Issue[] {
  const at = (pointer: string): Loc => ({ ...loc, pointer });
  const issues: Issue[] = [];
  const named = entities[def.name];
  if (named && def.name !== def.entity)
    issues.push(
      issueAt(
        at("/name"),
        "view-name-clash",
        `a view named "${def.name}" is the default view of entity "${def.name}" and must list it, not "${def.entity}"; rename the view`,
      ),
    );
  const entity = entities[def.entity];
  if (!entity)
    return [
      ...issues,
      issueAt(
        at("/entity"),
        "unknown-entity",
        `lists entity "${def.entity}", which no package defines`,
      ),
    ];
  if (entity.type === "child")
    return [
      ...issues,
      issueAt(
        at("/entity"),
        "view-on-child",
        `"${def.entity}" holds the lines of "${entity.parent?.entity}": list that entity instead`,
      ),
    ];
  const typeOf = (name: string): FieldType | undefined =>
    entity.fields.find((f) => f.name === name)?.type ?? LISTED_SYSTEM_COLUMNS[name];
  const unknown = (pointer: string, name: string): Issue =>
    issueAt(at(pointer), "unknown-field", `entity "${entity.name}" has no field "${name}"`);

  def.columns.forEach((name, i) => {
    const type = typeOf(name);
    if (!type) issues.push(unknown(`/columns/${i}`, name));
    else if (type === "table")
      issues.push(
        issueAt(
          at(`/columns/${i}`),
          "table-column",
          `"${name}" is a table field: its lines show on the record, not as a column`,
        ),
      );
  });
  const sorted = new Set<string>();
  (def.sort ?? []).forEach(({ field: name }, i) => {
    const type = typeOf(name);
    if (!type) issues.push(unknown(`/sort/${i}/field`, name));
    else if (UNSORTABLE.includes(type))
      issues.push(
        issueAt(
          at(`/sort/${i}/field`),
          "not-sortable",
          `a list cannot be sorted by "${name}", a ${type} field`,
        ),
      );
    else if (sorted.has(name))
      issues.push(
        issueAt(at(`/sort/${i}/field`), "duplicate-sort", `the sort names "${name}" twice`),
      );
    sorted.add(name);
  });
  (def.quickSearch ?? []).forEach((name, i) => {
    const type = entity.fields.find((f) => f.name === name)?.type;
    if (!type) issues.push(unknown(`/quickSearch/${i}`, name));
    else if (!SEARCHABLE_TYPES.includes(type))
      issues.push(
        issueAt(
          at(`/quickSearch/${i}`),
          "not-searchable",
          `quick search looks in text; "${name}" is a ${type} field (searchable: ${SEARCHABLE_TYPES.join(", ")})`,
        ),
      );
  });
  if (def.filter !== undefined)
    issues.push(...whereIssues(def.filter, entity.name, { entities }, at("/filter")));
  return issues;
}
