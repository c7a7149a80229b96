import type { Labels } from "@loom/engine";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useDraft } from "../draft/draft-context.tsx";
import {
  addSection,
  addTab,
  dropDraftForm,
  type FieldLook,
  type FieldSpot,
  type FormEditResult,
  type FormRefusal,
  moveField,
  moveSection,
  moveSectionToTab,
  moveTab,
  placeField,
  removeSection,
  removeTab,
  type SectionPatch,
  setFieldLook,
  setSection,
  setTabLabels,
  setTableColumns,
  unplaceField,
} from "./form-edits.ts";
import { type FormTarget, formFields } from "./form-outline.ts";

/**
 * The form designer's steps on one entity's form, each applied to the draft at once or refused
 * with the reason kept for the page. `focus`: the `data-focus` key of the control to focus once
 * the step is drawn (the control that made it, which may have moved to another section), so a
 * keyboard user goes on from where they were.
 */
export function useFormEdits(entity: string) {
  const { ctx, session, model } = useDraft();
  const [refusal, setRefusal] = useState<FormRefusal | null>(null);
  const focusNext = useRef<string | null>(null);
  const compiled = model?.entities[entity];
  const target = useMemo<FormTarget>(
    () => ({ ctx, entity, fields: formFields(ctx, entity, compiled) }),
    [ctx, entity, compiled],
  );
  const apply = useCallback(
    (result: FormEditResult, focus?: string): FormEditResult => {
      if (!result.ok) {
        setRefusal(result.refusal);
        return result;
      }
      setRefusal(null);
      focusNext.current = focus ?? null;
      session.edit(result.changes);
      return result;
    },
    [session],
  );
  useEffect(() => {
    const key = focusNext.current;
    if (key === null) return;
    focusNext.current = null;
    const element = document.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`);
    if (element && element !== document.activeElement) element.focus();
  });
  return {
    target,
    refusal,
    place: (name: string, spot: FieldSpot, focus?: string) =>
      apply(placeField(target, name, spot), focus),
    move: (name: string, by: -1 | 1, focus?: string) => apply(moveField(target, name, by), focus),
    unplace: (name: string) => apply(unplaceField(target, name)),
    look: (name: string, look: FieldLook) => apply(setFieldLook(target, name, look)),
    addSection: (tab: string | null, labels: Labels) => apply(addSection(target, tab, labels)),
    removeSection: (id: string) => apply(removeSection(target, id)),
    moveSection: (id: string, by: -1 | 1, focus?: string) =>
      apply(moveSection(target, id, by), focus),
    sectionToTab: (id: string, tab: string, focus?: string) =>
      apply(moveSectionToTab(target, id, tab), focus),
    setSection: (id: string, patch: SectionPatch) => apply(setSection(target, id, patch)),
    addTab: (labels: Labels, section: Labels) => apply(addTab(target, labels, section)),
    removeTab: (id: string) => apply(removeTab(target, id)),
    moveTab: (id: string, by: -1 | 1, focus?: string) => apply(moveTab(target, id, by), focus),
    tabLabels: (id: string, labels: Labels) => apply(setTabLabels(target, id, labels)),
    columns: (path: string, columns: readonly string[], focus?: string) =>
      apply(setTableColumns(target, path, columns), focus),
    drop: () => apply(dropDraftForm(target)),
  };
}

export type FormEdits = ReturnType<typeof useFormEdits>;
