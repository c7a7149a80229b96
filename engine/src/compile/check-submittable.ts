import type { Issue } from "../errors.ts";
import { issueAt } from "../layer/apply-layers.ts";
import { entityPropLoc, type WorkingEntity } from "../layer/working-model.ts";
import { isReadOnly } from "./compile-entity.ts";

/**
 * A submittable entity is a document (lines follow theirs), and what stays editable after submit
 * names fields users can write.
 */
export function checkSubmittable(entities: ReadonlyMap<string, WorkingEntity>): Issue[] {
  const issues: Issue[] = [];
  for (const entity of entities.values()) {
    const submittable = entity.def.submittable;
    if (!submittable) continue;
    const loc = entityPropLoc(entity, "submittable");
    if (entity.def.type === "child")
      issues.push(
        issueAt(
          loc,
          "submittable-child",
          `"${entity.def.name}" holds the lines of another record; lines are submitted with their document, so make the document submittable`,
        ),
      );
    (submittable.editableAfterSubmit ?? []).forEach((name, k) => {
      const at = { ...loc, pointer: `${loc.pointer}/editableAfterSubmit/${k}` };
      const field = entity.fields.find((f) => f.def.name === name);
      if (!field)
        issues.push(issueAt(at, "unknown-field", `"${entity.def.name}" has no field "${name}"`));
      else if (isReadOnly(field.def, entity.def))
        issues.push(
          issueAt(
            at,
            "not-writable",
            `"${name}" is read-only, so it cannot stay editable after submit`,
          ),
        );
    });
  }
  return issues;
}
