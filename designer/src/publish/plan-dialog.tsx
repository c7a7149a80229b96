import type { ApiError } from "@loom/app/api";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import type { Applied, Plan } from "../draft/draft-api.ts";
import { useWords } from "../i18n/words.ts";
import { DataLossConfirm } from "./data-loss-confirm.tsx";
import { ErrorBox } from "./error-box.tsx";
import { PlanSteps } from "./plan-steps.tsx";

/** What a dialog shows before applying: the plan and anything above it, or why it cannot go on. */
export type Prepared =
  | { readonly plan: Plan; readonly before?: ReactNode }
  | { readonly blocked: string };

/**
 * A modal that reads a plan, shows it, and applies it: a data-losing plan needs the explicit
 * confirmation before its button enables. Publishing and rolling back both go through it.
 */
export function PlanDialog({
  title,
  intro,
  prepare,
  withNote,
  applyLabel,
  applyingLabel,
  apply,
  appliedText,
  failedText,
  onApplied,
  onClose,
}: {
  title: string;
  intro?: string;
  prepare(): Promise<Prepared>;
  withNote: boolean;
  applyLabel: string;
  applyingLabel: string;
  apply(options: { allowDataLoss: boolean; note: string }): Promise<Applied>;
  appliedText(applied: Applied): string;
  failedText(message: string): string;
  onApplied(applied: Applied): void;
  onClose(): void;
}) {
  const { w } = useWords();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [prepared, setPrepared] = useState<Prepared | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState<Applied | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);

  // the plan is read once, when the dialog opens
  // biome-ignore lint/correctness/useExhaustiveDependencies: prepare is called once, on opening
  useEffect(() => {
    dialog.current?.showModal();
    let live = true;
    prepare().then(
      (ready) => live && setPrepared(ready),
      (caught: Error) => live && setError(caught),
    );
    return () => {
      live = false;
    };
  }, []);

  const plan = prepared && "plan" in prepared ? prepared.plan : null;
  const losing = plan?.plan.dataLosing === true;
  const ready = plan !== null && applied === null && (!losing || confirmed) && !busy;
  const run = async () => {
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      const result = await apply({ allowDataLoss: losing && confirmed, note });
      setApplied(result);
      onApplied(result);
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog
      ref={dialog}
      className="plan-dialog"
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      onCancel={onClose}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      {intro && <p>{intro}</p>}
      {prepared === null && error === null && (
        <p className="loading" role="status">
          {w("planning")}
        </p>
      )}
      {prepared && "blocked" in prepared && (
        <p role="alert" className="error-box">
          {prepared.blocked}
        </p>
      )}
      {prepared && "plan" in prepared && (
        <>
          {prepared.before}
          <PlanSteps plan={prepared.plan} />
          {losing && applied === null && (
            <DataLossConfirm confirmed={confirmed} onChange={setConfirmed} />
          )}
          {withNote && applied === null && (
            <div className="note-field">
              <label htmlFor={`${id}-note`}>{w("note")}</label>
              <textarea
                id={`${id}-note`}
                className="input"
                rows={2}
                maxLength={2000}
                placeholder={w("notePlaceholder")}
                value={note}
                onChange={(event) => setNote(event.target.value)}
              />
            </div>
          )}
        </>
      )}
      {error && <ErrorBox error={error} text={failedText(error.message)} />}
      {applied && (
        <p role="status" className="notice applied">
          {appliedText(applied)}
        </p>
      )}
      <div className="buttons dialog-buttons">
        {plan && applied === null && (
          <button type="button" className="button primary" disabled={!ready} onClick={run}>
            {busy ? applyingLabel : applyLabel}
          </button>
        )}
        <button type="button" className="button" onClick={() => dialog.current?.close()}>
          {applied ? w("close") : w("cancel")}
        </button>
      </div>
    </dialog>
  );
}
