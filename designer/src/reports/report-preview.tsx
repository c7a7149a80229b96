import { useLanguage } from "@loom/app/i18n";
import { ReportView, type ReportViewProps } from "@loom/app/reports/report-view";
import { useReportWords } from "../i18n/report-words.ts";
import type { ReportDraft } from "./report-def.ts";
import type { PreviewState } from "./use-report-preview.ts";

/** A report's result as the app's report view draws it. */
export type PreviewedResult = ReportViewProps["result"];

/**
 * The live preview: values for the report's parameters (the preview's own, nothing is saved), the
 * run's state, and the result drawn by the app's own report view, as managers will see it.
 */
export function ReportPreview({
  report,
  state,
  values,
  onValues,
}: {
  report: ReportDraft;
  state: PreviewState<PreviewedResult>;
  values: Readonly<Record<string, string>>;
  onValues(values: Record<string, string>): void;
}) {
  const { w } = useReportWords();
  const { label } = useLanguage();
  const parameters = (report.parameters ?? []).filter((p) => p.name);
  const shown =
    state.status === "ready" ? state.result : state.status === "loading" ? state.last : null;
  return (
    <section className="report-preview" aria-labelledby="report-preview-title">
      <h2 id="report-preview-title">{w("preview")}</h2>
      <p className="hint">{w("previewHelp")}</p>
      {parameters.length > 0 && (
        <fieldset className="preview-parameters">
          <legend>{w("previewParameters")}</legend>
          {parameters.map((p) => {
            const name = p.name!;
            const set = (value: string) => onValues({ ...values, [name]: value });
            const caption = label(p.labels, name);
            return (
              <span key={name} className="inline-field">
                <span aria-hidden="true">{caption}</span>
                {p.type === "select" ? (
                  <select
                    aria-label={caption}
                    value={values[name] ?? ""}
                    onChange={(e) => set(e.target.value)}
                  >
                    <option value="">{w("defaultValue")}</option>
                    {(p.options ?? []).map((o) => (
                      <option key={o.value} value={o.value}>
                        {label(o.labels, o.value)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    className="input"
                    aria-label={caption}
                    type={p.type === "date" ? "date" : "text"}
                    inputMode={p.type === "integer" || p.type === "decimal" ? "decimal" : undefined}
                    placeholder={w("defaultValue")}
                    value={values[name] ?? ""}
                    onChange={(e) => set(e.target.value)}
                  />
                )}
              </span>
            );
          })}
        </fieldset>
      )}
      <p className="preview-status" role="status" data-testid="preview-status">
        {state.status === "loading" && w("previewLoading")}
        {state.status === "ready" &&
          w("previewRows", {
            count: state.result.rows.length,
            ms: Math.round(state.result.elapsedMs),
          })}
      </p>
      {state.status === "ready" && state.result.truncated && (
        <p className="hint">{w("previewTruncated", { count: state.result.rows.length })}</p>
      )}
      {(state.status === "refused" || state.status === "failed") && (
        <div role="alert" className="error-box" data-testid="preview-error">
          {w("previewRefused", { message: state.error.message })}
          {state.status === "refused" && state.error.code === "invalid-parameter" && (
            <ul className="field-errors">
              {state.error.details.map((d) => (
                <li key={`${d.path}:${d.message}`}>
                  <code>{d.path.replace(/^\//, "")}</code> {d.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {shown && (
        <div className={`preview-chart${state.status === "loading" ? " stale" : ""}`}>
          <ReportView result={shown} />
        </div>
      )}
    </section>
  );
}
