import type { FileChange } from "@loom/engine";
import { useWords } from "../i18n/words.ts";

const WORD = { added: "changeAdded", changed: "changeChanged", removed: "changeRemoved" } as const;

/** Files a publish or a revision changed: which, and how. */
export function ChangedFiles({
  title,
  changes,
}: {
  title: string;
  changes: readonly (FileChange & { readonly package?: string })[];
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
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
