import type { DocumentPath, DocumentRefusal } from "../draft/document-files.ts";
import { removeDocument } from "../draft/document-files.ts";
import { useDraftEdits } from "../draft/use-draft-edits.ts";
import type { ChartType } from "./report-def.ts";
import {
  addToList,
  moveInList,
  REPORT,
  removeFromList,
  renameMember,
  setChartType,
  setReportValue,
} from "./report-edits.ts";

type List = "dimensions" | "measures" | "parameters" | "sort";

/** The report builder's steps on one report, each applied to the draft at once or refused. */
export function useReportEdits(report: string) {
  const { ctx, refusal, apply } = useDraftEdits<DocumentRefusal>();
  return {
    refusal,
    set: (path: DocumentPath, value: unknown) => apply(setReportValue(ctx, report, path, value)),
    add: (list: List, value: unknown) => apply(addToList(ctx, report, list, value)),
    remove: (list: List, index: number) => apply(removeFromList(ctx, report, list, index)),
    move: (list: List, index: number, by: -1 | 1) =>
      apply(moveInList(ctx, report, list, index, by)),
    rename: (list: "dimensions" | "measures", index: number, name: string) =>
      apply(renameMember(ctx, report, list, index, name)),
    chartType: (type: ChartType) => apply(setChartType(ctx, report, type)),
    removeReport: () => apply(removeDocument(ctx, REPORT, report)),
  };
}

export type ReportEdits = ReturnType<typeof useReportEdits>;
