import { ApiError } from "@loom/app/api";
import { useLanguage } from "@loom/app/i18n";
import { useEffect, useState } from "react";
import type { ReportDraft } from "./report-def.ts";
import type { Problem } from "./report-problem-places.ts";
import { type PreviewResult, previewReport } from "./reports-api.ts";

/** How long the preview waits after the last edit before running the report. */
export const PREVIEW_DEBOUNCE_MS = 400;

export type PreviewState<T> =
  | { readonly status: "idle" }
  | { readonly status: "loading"; readonly last: T | null }
  | { readonly status: "ready"; readonly result: T }
  | { readonly status: "refused"; readonly error: ApiError; readonly problems: readonly Problem[] }
  | { readonly status: "failed"; readonly error: Error };

/**
 * The report run on the live data as it is being built: a moment after the last edit (typing a
 * label does not run it per keystroke), the run before it aborted. A refusal's details are
 * problems of the definition, shown where they point.
 */
export function useReportPreview<T extends PreviewResult>(
  report: ReportDraft,
  parameters: Readonly<Record<string, string>>,
): PreviewState<T> {
  const { language } = useLanguage();
  const [state, setState] = useState<PreviewState<T>>({ status: "idle" });
  const key = JSON.stringify([report, parameters, language]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the report and its values
  useEffect(() => {
    const abort = new AbortController();
    setState((old) => ({
      status: "loading",
      last: old.status === "ready" ? old.result : old.status === "loading" ? old.last : null,
    }));
    const timer = setTimeout(() => {
      const values = Object.fromEntries(Object.entries(parameters).filter(([, v]) => v !== ""));
      previewReport<T>(report, values, abort.signal).then(
        (result) => setState({ status: "ready", result }),
        (error: Error) => {
          if (abort.signal.aborted) return;
          // a parameter's value is the preview's own, not a problem of the definition
          if (error instanceof ApiError && error.status < 500)
            setState({
              status: "refused",
              error,
              problems: error.code === "invalid-parameter" ? [] : error.details,
            });
          else setState({ status: "failed", error });
        },
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [key]);
  return state;
}
