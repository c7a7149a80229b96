import type { FieldDef, FieldType, Labels } from "@loom/engine";
import { useCallback, useState } from "react";
import { useDraft } from "../draft/draft-context.tsx";
import {
  addEntity,
  addField,
  type EditResult,
  type FieldPatch,
  moveField,
  type Refusal,
  removeField,
  renameField,
  retype,
  updateField,
} from "../draft/field-edits.ts";

/**
 * The design steps of one entity's page, each applied to the draft at once, or refused with the
 * reason kept for the page to show.
 */
export function useFieldEdits(entity: string) {
  const { ctx, session } = useDraft();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const apply = useCallback(
    (result: EditResult): boolean => {
      if (!result.ok) {
        setRefusal(result.refusal);
        return false;
      }
      setRefusal(null);
      session.edit(result.changes);
      return true;
    },
    [session],
  );
  return {
    refusal,
    add: (field: FieldDef) => apply(addField(ctx, entity, field)),
    update: (name: string, patch: FieldPatch) => apply(updateField(ctx, entity, name, patch)),
    retype: (field: FieldDef, type: FieldType) =>
      apply(updateField(ctx, entity, field.name, retype(field, type))),
    rename: (name: string, to: string) => apply(renameField(ctx, entity, name, to)),
    move: (name: string, by: -1 | 1) => apply(moveField(ctx, entity, name, by)),
    remove: (name: string) => apply(removeField(ctx, entity, name)),
  };
}

export type FieldEdits = ReturnType<typeof useFieldEdits>;

/** Adding an entity to the draft's package. */
export function useAddEntity() {
  const { ctx, session } = useDraft();
  return (name: string, labels: Labels): EditResult => {
    const result = addEntity(ctx, name, labels);
    if (result.ok) session.edit(result.changes);
    return result;
  };
}
