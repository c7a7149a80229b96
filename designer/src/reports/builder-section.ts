import type { ReportDraft } from "./report-def.ts";
import type { PathChoice } from "./report-fields.ts";
import type { ReportEdits } from "./use-report-edits.ts";

/** What each section of the report builder is given: the report, its field paths, its steps. */
export interface BuilderSectionProps {
  readonly report: ReportDraft;
  readonly paths: readonly PathChoice[];
  readonly edits: ReportEdits;
  readonly readOnly: boolean;
}
