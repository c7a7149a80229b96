import type { Entity } from "@loom/engine";
import { useEffect, useMemo, useState } from "react";
import { api } from "../api/client.ts";
import type { AuditEntry } from "../api/types.ts";
import type { Loaded } from "../form/use-record.ts";
import type { UiString } from "../i18n/dictionary.ts";
import { useLanguage } from "../i18n/language.tsx";
import { useFormatter } from "../list/use-formatter.ts";
import { useReady } from "../session/session.tsx";
import { historyLines } from "./history-lines.ts";

const ACTIONS: Readonly<Record<string, UiString>> = {
  create: "auditCreate",
  update: "auditUpdate",
  delete: "auditDelete",
};

/**
 * The record's audit trail (GET …/history, newest first): who changed it when, and each field
 * from → to, as the server lets this user see it. `round` changes after a save or a workflow
 * action, so the trail reads again.
 */
export function RecordHistory({
  entity,
  id,
  round,
}: {
  entity: Entity;
  id: string;
  round: number;
}) {
  const { model } = useReady();
  const { t, label, language } = useLanguage();
  const format = useFormatter(model);
  const [state, setState] = useState<Loaded<readonly AuditEntry[]>>({ status: "loading" });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` asks for a fresh read
  useEffect(() => {
    let live = true;
    api<{ data: AuditEntry[] }>(`/api/data/${entity.name}/${encodeURIComponent(id)}/history`).then(
      (page) => live && setState({ status: "ready", value: page.data }),
      (error: Error) => live && setState({ status: "failed", error }),
    );
    return () => {
      live = false;
    };
  }, [entity.name, id, round]);
  const words = useMemo(
    () => ({
      format,
      label: (labels: Parameters<typeof label>[0], fallback: string) => label(labels, fallback),
      added: t("lineAdded"),
      removed: t("lineRemoved"),
    }),
    [format, label, t],
  );
  const when = useMemo(
    () => new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }),
    [language],
  );

  return (
    <section className="record-history" aria-labelledby="record-history-title">
      <h2 id="record-history-title">{t("changes")}</h2>
      {state.status === "loading" ? (
        <p className="loading">{t("loading")}</p>
      ) : state.status === "failed" ? (
        <p role="alert" className="error-box">
          {t("error", { message: state.error.message })}
        </p>
      ) : state.value.length === 0 ? (
        <p className="note">{t("noChanges")}</p>
      ) : (
        <ol className="audit">
          {state.value.map((entry) => {
            const action = ACTIONS[entry.action];
            return (
              <li key={entry.id}>
                <span className="what">{action ? t(action) : entry.action}</span>
                <span className="who">
                  {entry.actor ?? t("systemActor")} ·{" "}
                  <time dateTime={entry.at}>{when.format(new Date(entry.at))}</time>
                </span>
                <ul className="audit-fields">
                  {historyLines(model, entity, entry.changes, words).map((line) => (
                    <li key={line.key}>
                      <span className="audit-field">{line.field}:</span>{" "}
                      {line.from !== "" && <span className="audit-from">{line.from}</span>}
                      {line.from !== "" && line.to !== "" && " → "}
                      {line.to !== "" && <span className="audit-to">{line.to}</span>}
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
