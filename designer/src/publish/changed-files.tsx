import type { FileChange } from "@loom/engine";
import type { ReactNode } from "react";
import { useWords } from "../i18n/words.ts";

const WORD = { added: "changeAdded", changed: "changeChanged", removed: "changeRemoved" } as const;

/** Files a publish or a revision changed: which, and how; `detail` shows more under each. */
export function ChangedFiles<Change extends FileChange & { readonly package?: string }>({
  title,
  changes,
  detail,
}: {
  title: string;
  changes: readonly Change[];
  detail?: (change: Change) => ReactNode;
}) {
  const { w } = useWords();
  return (
    <section className="changed-files" aria-label={title}>
      <h3>{title}</h3>
      {changes.length === 0 ? (
        <p className="note">{w("noFileChanges")}</p>
      ) : (
        <ul data-testid="changed-files">
          {changes.map((change) => (
            <li
              key={`${change.package ?? ""}/${change.file}`}
              className={`change ${change.change}`}
            >
              <span className="change-kind">{w(WORD[change.change])}</span>{" "}
              <code>
                {change.package ? `${change.package}/` : ""}
                {change.file}
              </code>
              {detail?.(change)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
