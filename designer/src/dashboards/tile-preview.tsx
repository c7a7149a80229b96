import { ReportView } from "@loom/app/reports/report-view";
import { useReportWords } from "../i18n/report-words.ts";
import type { PreviewedResult } from "../reports/report-preview.tsx";
import { useReportPreview } from "../reports/use-report-preview.ts";

const NO_VALUES = {};

/**
 * A tile's report drawn as the app will draw it, from its definition in the draft (so a report
 * not published yet shows too), with its parameters' defaults. Only a picture: the tile is what is
 * dragged and focused.
 */
export function TilePreview({ definition }: { definition: Readonly<Record<string, unknown>> }) {
  const { w } = useReportWords();
  const state = useReportPreview<PreviewedResult>(definition, NO_VALUES);
  const shown =
    state.status === "ready" ? state.result : state.status === "loading" ? state.last : null;
  if (state.status === "refused" || state.status === "failed")
    return <p className="tile-refused">{w("previewRefused", { message: state.error.message })}</p>;
  return shown ? <ReportView result={shown} /> : null;
}
