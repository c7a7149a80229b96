import { useState } from "react";
import { useDraft } from "../draft/draft-context.tsx";
import type { SaveStatus } from "../draft/draft-session.ts";
import { type Translate, useWords } from "../i18n/words.ts";
import { PublishDialog } from "../publish/publish-dialog.tsx";
import { PROBLEMS_ID } from "./problems-panel.tsx";

/** The draft's package, version, changes, problems and saving, with Discard and Publish. */
export function DraftBar() {
  const { session, state, issues } = useDraft();
  const { w } = useWords();
  const [publishing, setPublishing] = useState(false);
  const { view, status, conflict } = state;
  const unsaved = status !== "saved";
  const discard = async () => {
    if (window.confirm(w("discardConfirm"))) await session.discard();
  };
  const toProblems = () => document.getElementById(PROBLEMS_ID)?.focus();
  return (
    <>
      <section className="draft-bar" aria-label={w("draftOf", { package: view.package.name })}>
        <div className="draft-status">
          <strong>{w("draftOf", { package: view.package.name })}</strong>
          {view.version > 0 && (
            <span data-testid="draft-version">{w("draftVersion", { version: view.version })}</span>
          )}
          <span data-testid="draft-changes">
            {counted(w, view.changes.length, "changesOne", "changesMany")}
          </span>
          <button
            type="button"
            className={`link-button${issues.length > 0 ? " has-problems" : ""}`}
            data-testid="draft-problems"
            onClick={toProblems}
          >
            {counted(w, issues.length, "problemsOne", "problemsMany")}
          </button>
          <span role="status" className={`save-status ${status}`} data-testid="save-status">
            {statusText(w, status, state.error)}
          </span>
        </div>
        <div className="toolbar">
          {unsaved && conflict === null && (
            <button type="button" className="button small" onClick={() => void session.save()}>
              {w("saveNow")}
            </button>
          )}
          <button
            type="button"
            className="button"
            disabled={view.version === 0 && !unsaved}
            onClick={() => void discard()}
          >
            {w("discardDraft")}
          </button>
          <button
            type="button"
            className="button primary"
            // a draft with problems cannot be published: say so where one looks for the button
            disabled={issues.length > 0}
            title={issues.length > 0 ? w("fixProblemsFirst") : undefined}
            aria-describedby={issues.length > 0 ? "publish-blocked" : undefined}
            onClick={() => setPublishing(true)}
          >
            {w("publish")}
          </button>
          {issues.length > 0 && (
            <span id="publish-blocked" className="visually-hidden">
              {w("fixProblemsFirst")}
            </span>
          )}
        </div>
      </section>
      {conflict !== null && (
        <div role="alert" className="banner warn">
          <strong>{w("conflictTitle")}</strong>
          <p>{w("conflictText", { version: conflict })}</p>
          <button type="button" className="button" onClick={() => void session.reload()}>
            {w("reloadDraft")}
          </button>
        </div>
      )}
      {view.stale && (
        <div role="alert" className="banner warn">
          <strong>{w("staleTitle")}</strong>
          <p>{w("staleText", { package: view.package.name })}</p>
        </div>
      )}
      {publishing && <PublishDialog onClose={() => setPublishing(false)} />}
    </>
  );
}

function counted(
  w: Translate,
  count: number,
  one: "changesOne" | "problemsOne",
  many: "changesMany" | "problemsMany",
): string {
  return count === 1 ? w(one) : w(many, { count });
}

function statusText(w: Translate, status: SaveStatus, error: Error | null): string {
  switch (status) {
    case "saved":
      return w("statusSaved");
    case "saving":
      return w("statusSaving");
    case "unsaved":
      return w("statusUnsaved");
    case "failed":
      return w("statusFailed", { message: error?.message ?? "" });
  }
}
