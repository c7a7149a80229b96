import {
  type DocumentPath,
  type DocumentRefusal,
  insertInDocument,
  moveListEntry,
  removeDocument,
  removeListEntry,
} from "../draft/document-files.ts";
import { useDraftEdits } from "../draft/use-draft-edits.ts";
import { addTile, DASHBOARD, moveTile, setDashboardValue } from "./dashboard-edits.ts";
import type { Box } from "./grid-layout.ts";

/** The dashboard editor's steps on one dashboard, each applied to the draft at once or refused. */
export function useDashboardEdits(dashboard: string) {
  const { ctx, refusal, apply } = useDraftEdits<DocumentRefusal>();
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
