import type { Entity } from "@loom/engine";
import { useEffect, useRef } from "react";
import type { JsonRecord } from "../api/types.ts";
import { useLanguage } from "../i18n/language.tsx";
import { useFormatter } from "../list/use-formatter.ts";
import { fieldOf } from "../meta/lookups.ts";
import { useReady } from "../session/session.tsx";
import type { LinkTitles } from "./link-titles.ts";

export interface Conflict {
  /** the version the record is at now */
  version: number;
  /** the user's changes, field → their value */
  changes: JsonRecord;
  /** after the reload: the record as saved meanwhile */
  saved: JsonRecord | null;
}

/**
 * Explains a version conflict: someone saved the record since it was read. The user's changes
 * stay in the form; reloading puts them over the saved record, listed beside the saved values,
 * each of which the user may take instead. The panel takes the focus when it opens and again
 * after the reload (whose button is then gone), so the keyboard continues from it.
 */
export function ConflictPanel(props: {
  entity: Entity;
  conflict: Conflict;
  current: JsonRecord;
  /** a link field holds an id: shown as its record's title, as the form shows it */
  titles: LinkTitles;
  onReload(): void;
  onUseSaved(field: string): void;
}) {
  const { entity, conflict, current } = props;
  const { model } = useReady();
  const { t, label } = useLanguage();
  const format = useFormatter(model);
  const show = (name: string, value: unknown) => {
    const field = fieldOf(entity, name);
    if (Array.isArray(value)) return `${value.length} ×`;
    if (field?.type === "link" && field.target && typeof value === "string")
      return props.titles.known(field.target, value) ?? value;
    return format(field, value) || "—";
  };
  const changed = Object.keys(conflict.changes).filter((name) => fieldOf(entity, name));
  const panel = useRef<HTMLElement>(null);
  const reloaded = conflict.saved !== null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: on opening, and once reloaded
  useEffect(() => {
    panel.current?.focus();
  }, [reloaded]);
  return (
    <section
      className="conflict"
      role="alert"
      aria-labelledby="conflict-title"
      ref={panel}
      tabIndex={-1}
    >
      <h2 id="conflict-title">{t("conflictTitle")}</h2>
      <p>{t("conflictText", { version: conflict.version })}</p>
      {conflict.saved === null ? (
        <button type="button" className="button primary" onClick={props.onReload}>
          {t("conflictReload")}
        </button>
      ) : (
        changed.length > 0 && (
          <table className="compare">
            <caption>{t("conflictCompared")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("field")}</th>
                <th scope="col">{t("yourValue")}</th>
                <th scope="col">{t("savedValue")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("useSaved")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {changed.map((name) => (
                <tr key={name} data-field={name}>
                  <th scope="row">{label(fieldOf(entity, name)?.labels, name)}</th>
                  <td className="mine">{show(name, current[name])}</td>
                  <td className="theirs">{show(name, conflict.saved?.[name])}</td>
                  <td>
                    <button
                      type="button"
                      className="button small"
                      onClick={() => props.onUseSaved(name)}
                    >
                      {t("useSaved")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      )}
    </section>
  );
}
