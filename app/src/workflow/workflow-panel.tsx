import type { Labels, Workflow } from "@loom/engine";
import { useRef, useState } from "react";
import { ApiError, api } from "../api/client.ts";
import type { WorkflowStatus } from "../api/types.ts";
import { useLanguage } from "../i18n/language.tsx";

/**
 * Where the record is in its workflow: the step, who it waits for, a button for exactly each
 * action the user may take now, a comment, and the history. After an action the focus goes to
 * the panel's heading: the button pressed is usually gone with the step it belonged to.
 */
export function WorkflowPanel(props: {
  workflow: Workflow;
  entity: string;
  id: string;
  status: WorkflowStatus;
  onActed(): void;
}) {
  const { workflow, status } = props;
  const { t, label } = useLanguage();
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const actionLabel = (action: string, from?: string) => {
    const edge =
      workflow.edges.find((e) => e.action === action && e.from === from) ??
      workflow.edges.find((e) => e.action === action);
    return label(edge?.labels as Labels | undefined, action);
  };
  const nodeLabel = (id: string) => label(workflow.nodes[id]?.labels, id);
  const act = async (action: string) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api(`/api/workflow/${props.entity}/${encodeURIComponent(props.id)}/actions/${action}`, {
        method: "POST",
        body: comment.trim() === "" ? {} : { comment: comment.trim() },
      });
      setComment("");
      setDone(t("actionDone", { action: actionLabel(action, status.node.id) }));
      props.onActed();
      heading.current?.focus();
    } catch (caught) {
      setError(
        caught instanceof ApiError || caught instanceof Error ? caught.message : String(caught),
      );
    } finally {
      setBusy(false);
    }
  };
  const waiting = status.tasks.map((task) => task.assignee).join(", ");
  return (
    <aside className="workflow" aria-labelledby="workflow-title">
      <h2 id="workflow-title" ref={heading} tabIndex={-1}>
        {t("workflow")}
      </h2>
      <p className="state">
        {t("state")}:{" "}
        <strong data-testid="workflow-state">{label(status.node.labels, status.node.id)}</strong>
      </p>
      {waiting && <p className="waiting">{t("waitingFor", { who: waiting })}</p>}
      {status.actions.length > 0 ? (
        <div className="actions">
          <label className="visually-hidden" htmlFor="workflow-comment">
            {t("comment")}
          </label>
          <textarea
            id="workflow-comment"
            className="input"
            rows={2}
            placeholder={t("commentPlaceholder")}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
          <div className="buttons">
            {status.actions.map((action) => (
              <button
                key={action}
                type="button"
                className={action === "reject" ? "button danger" : "button primary"}
                data-action={action}
                aria-disabled={busy}
                onClick={() => void act(action)}
              >
                {actionLabel(action, status.node.id)}
              </button>
            ))}
          </div>
        </div>
      ) : (
        <p className="note">{t("noActions")}</p>
      )}
      {error && (
        <p role="alert" className="error-box">
          {error}
        </p>
      )}
      <p role="status" className="notice">
        {done}
      </p>
      <h3>{t("history")}</h3>
      {status.history && status.history.length > 0 ? (
        <ol className="timeline">
          {status.history.map((entry) => (
            <li key={`${entry.at}-${entry.action}-${entry.actor ?? ""}`}>
              <span className="what">
                {actionLabel(entry.action, entry.from)} · {nodeLabel(entry.from)} →{" "}
                {nodeLabel(entry.to)}
              </span>
              <span className="who">
                {entry.actor ?? "system"} ·{" "}
                <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
              </span>
              {entry.comment && <q className="comment">{entry.comment}</q>}
            </li>
          ))}
        </ol>
      ) : (
        <p className="note">{t("noHistory")}</p>
      )}
    </aside>
  );
}
