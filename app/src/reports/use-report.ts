import type { ReportResult } from "@loom/engine";
import { useEffect, useState } from "react";
import type { ApiError } from "../api/client.ts";
import { useLanguage } from "../i18n/language.tsx";
import { type ParameterValues, runReport } from "./report-api.ts";

export type ReportState =
  | { status: "loading"; previous: ReportResult | null }
  | { status: "ready"; result: ReportResult }
  | { status: "failed"; error: ApiError | Error };

/**
 * A report's result, run again when its name, values or the language change (labels of links
 * and options come in the language). The previous result stays while the next one loads.
 */
export function useReport(name: string, values: ParameterValues | null): ReportState {
  const { language } = useLanguage();
  const [state, setState] = useState<ReportState>({ status: "loading", previous: null });
  const key = values === null ? null : JSON.stringify(values);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the values
  useEffect(() => {
    // null: not yet known what to run with (the catalog is loading)
    if (values === null) return;
    const controller = new AbortController();
    setState((now) => ({
      status: "loading",
      previous:
        now.status === "ready" ? now.result : now.status === "loading" ? now.previous : null,
    }));
    runReport(name, values, controller.signal).then(
      (result) => setState({ status: "ready", result }),
      (error: Error) => {
        if (error.name !== "AbortError") setState({ status: "failed", error });
      },
    );
    return () => controller.abort();
  }, [name, key, language]);
  return state;
}
