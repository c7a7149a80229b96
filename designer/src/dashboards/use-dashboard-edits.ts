import { useCallback, useState } from "react";
import {
  type DocumentEditResult,
  type DocumentPath,
  type DocumentRefusal,
  insertInDocument,
  moveListEntry,
  removeDocument,
  removeListEntry,
} from "../draft/document-files.ts";
import { useDraft } from "../draft/draft-context.tsx";
import { addTile, DASHBOARD, moveTile, setDashboardValue } from "./dashboard-edits.ts";
import type { Box } from "./grid-layout.ts";

/** The dashboard editor's steps on one dashboard, each applied to the draft at once or refused. */
export function useDashboardEdits(dashboard: string) {
  const { ctx, session } = useDraft();
  const [refusal, setRefusal] = useState<DocumentRefusal | null>(null);
  const apply = useCallback(
    (result: DocumentEditResult): boolean => {
      setRefusal(result.ok ? null : result.refusal);
      if (result.ok) session.edit(result.changes);
      return result.ok;
    },
    [session],
  );
  return {
    refusal,
    set: (path: DocumentPath, value: unknown) =>
      apply(setDashboardValue(ctx, dashboard, path, value)),
    insert: (path: DocumentPath, value: unknown) =>
      apply(insertInDocument(ctx, DASHBOARD, dashboard, path, -1, value)),
    move: (index: number, box: Box) => apply(moveTile(ctx, dashboard, index, box)),
    removeFrom: (list: "tiles" | "parameters", index: number) =>
      apply(removeListEntry(ctx, DASHBOARD, dashboard, list, index, list === "parameters")),
    moveParameter: (index: number, by: -1 | 1) =>
      apply(moveListEntry(ctx, DASHBOARD, dashboard, "parameters", index, by)),
    addTile: (report: string) => apply(addTile(ctx, dashboard, report)),
    remove: () => apply(removeDocument(ctx, DASHBOARD, dashboard)),
  };
}

export type DashboardEdits = ReturnType<typeof useDashboardEdits>;
