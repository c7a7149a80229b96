import { api } from "@loom/app/api";
import type { ReportDraft } from "./report-def.ts";

/** One column of a report's result (runtime/src/reports: `ReportColumn`). */
export interface PreviewColumn {
  readonly name: string;
  readonly kind: "dimension" | "measure";
  readonly type: string;
}

/** What the preview reads of a result; the chart reads the rest (`@loom/app/reports/report-view`). */
export interface PreviewResult {
  readonly columns: readonly PreviewColumn[];
  readonly rows: readonly (readonly unknown[])[];
  readonly truncated: boolean;
  readonly elapsedMs: number;
}

/**
 * POST /api/reports/preview: runs a report's definition as it is in the draft (not yet
 * published), validated exactly as metadata is; the designer's live preview.
 */
export function previewReport<T extends PreviewResult>(
  report: ReportDraft,
  parameters: Readonly<Record<string, string>>,
  signal: AbortSignal,
): Promise<T> {
  return api<T>("/api/reports/preview", {
    method: "POST",
    body: { report, parameters },
    signal,
  });
}
