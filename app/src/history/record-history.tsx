import type { AppModel, Entity } from "@loom/engine";
import { useEffect, useMemo, useRef, useState } from "react";
import { api, query } from "../api/client.ts";
import type { AuditEntry } from "../api/types.ts";
import { LinkTitles } from "../form/link-titles.ts";
import type { Loaded } from "../form/use-record.ts";
import type { UiString } from "../i18n/dictionary.ts";
import { useLanguage } from "../i18n/language.tsx";
import { useFormatter } from "../list/use-formatter.ts";
import { useReady } from "../session/session.tsx";
import { type HistoryText, historyLines, linkedRecords } from "./history-lines.ts";
import "./history.css";

const ACTIONS: Readonly<Record<string, UiString>> = {
  create: "auditCreate",
  update: "auditUpdate",
  delete: "auditDelete",
  restore: "auditRestore",
};

/** entries a page shows; "Show older changes" adds as many */
const PAGE_SIZE = 20;
/** the endpoint's largest `limit`, less the one entry read to know whether there are more */
const MOST_READ = 499;

/** The entries shown, newest first, and the `before` of the older ones (null: none older). */
interface Trail {
  readonly entries: readonly AuditEntry[];
  readonly older: number | null;
}

/**
 * The record's audit trail (GET …/history, newest first): who changed it when, and each field
 * from → to (a link by its target's title), as the server lets this user see it; older entries a
 * page at a time. `round` changes after a save or a workflow action, so the trail reads again.
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
  const titles = useMemo(() => new LinkTitles(model), [model]);
  const [state, setState] = useState<Loaded<Trail>>({ status: "loading" });
  // how reading older entries goes: an Error stays shown until the next try
  const [older, setOlder] = useState<"idle" | "loading" | Error>("idle");
  // a read again keeps as many entries as were shown: older pages opened stay open
  const shown = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` asks for a fresh read
  useEffect(() => {
    let live = true;
    readTrail(model, entity, id, titles, Math.min(Math.max(PAGE_SIZE, shown.current), MOST_READ))
      .then((trail) => {
        if (!live) return;
        shown.current = trail.entries.length;
        setState({ status: "ready", value: trail });
      })
      .catch((error: Error) => live && setState({ status: "failed", error }));
    return () => {
      live = false;
    };
  }, [model, entity, id, titles, round]);

  const showOlder = async (before: number) => {
    setOlder("loading");
    try {
      const page = await readTrail(model, entity, id, titles, PAGE_SIZE, before);
      setState((current) => {
        // a fresh read meanwhile answered for the whole trail
        if (current.status !== "ready" || current.value.older !== before) return current;
        const entries = [...current.value.entries, ...page.entries];
        shown.current = entries.length;
        return { status: "ready", value: { entries, older: page.older } };
      });
      setOlder("idle");
    } catch (error) {
      setOlder(error as Error);
    }
  };

  const words = useMemo(
    () => ({
      format,
      label: (labels: Parameters<typeof label>[0], fallback: string) => label(labels, fallback),
      title: (target: string, linked: string) => titles.known(target, linked),
      added: t("lineAdded"),
      removed: t("lineRemoved"),
    }),
    [format, label, t, titles],
  );
  const when = useMemo(
    () => new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }),
    [language],
  );
  const text = (value: HistoryText) =>
    value.map((piece, i) =>
      typeof piece === "string" ? (
        piece
      ) : (
        // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of a value never move
        <span key={i} className="audit-id" title={t("untitledLink")}>
          {piece.id}
        </span>
      ),
    );
  const loadingOlder = older === "loading";

  return (
    <section className="record-history" aria-labelledby="record-history-title">
      <h2 id="record-history-title">{t("changes")}</h2>
      {state.status === "loading" ? (
        <p className="loading">{t("loading")}</p>
      ) : state.status === "failed" ? (
        <p role="alert" className="error-box">
          {t("error", { message: state.error.message })}
        </p>
      ) : state.value.entries.length === 0 ? (
        <p className="note">{t("noChanges")}</p>
      ) : (
        <>
          <ol className="audit">
            {state.value.entries.map((entry) => {
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
                        {line.from.length > 0 && (
                          <span className="audit-from">{text(line.from)}</span>
                        )}
                        {line.from.length > 0 && line.to.length > 0 && " → "}
                        {line.to.length > 0 && <span className="audit-to">{text(line.to)}</span>}
                      </li>
                    ))}
                  </ul>
                </li>
              );
            })}
          </ol>
          {older instanceof Error && (
            <p role="alert" className="error-box">
              {t("error", { message: older.message })}
            </p>
          )}
          {state.value.older !== null && (
            <button
              type="button"
              className="button history-older"
              disabled={loadingOlder}
              aria-busy={loadingOlder}
              onClick={() => {
                if (state.value.older !== null) void showOlder(state.value.older);
              }}
            >
              {/* both labels take their room, so the button keeps its width while it loads */}
              <span className={loadingOlder ? "unseen" : undefined}>{t("showOlderChanges")}</span>
              <span className={loadingOlder ? undefined : "unseen"}>{t("loading")}</span>
            </button>
          )}
        </>
      )}
    </section>
  );
}

/**
 * `size` entries older than `before` (the newest without it) with the titles of the records
 * their links name looked up, one request per target entity, before anything is shown.
 */
async function readTrail(
  model: AppModel,
  entity: Entity,
  id: string,
  titles: LinkTitles,
  size: number,
  before?: number,
): Promise<Trail> {
  // one entry more than shown tells whether there are older ones
  const page = await api<{ data: AuditEntry[] }>(
    `/api/data/${entity.name}/${encodeURIComponent(id)}/history${query({ limit: size + 1, before })}`,
  );
  const entries = page.data.slice(0, size);
  const links = new Map<string, Set<string>>();
  for (const entry of entries) linkedRecords(model, entity, entry.changes, links);
  await Promise.all([...links].map(([target, ids]) => titles.lookUpAll(target, ids)));
  const last = entries.at(-1);
  return { entries, older: page.data.length > size && last ? last.id : null };
}
