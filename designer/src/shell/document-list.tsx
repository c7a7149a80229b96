import { useLanguage } from "@loom/app/i18n";
import { Link } from "@loom/app/router";
import { type ReactNode, useState } from "react";
import type { DocumentEntry } from "../draft/document-files.ts";
import { useDraft } from "../draft/draft-context.tsx";
import { useReportWords } from "../i18n/report-words.ts";

/**
 * Whole documents (reports, dashboards) grouped by the package that defines them, the draft's own
 * first, with the form making a new one above.
 */
export function DocumentList({
  title,
  catalog,
  current,
  linkTo,
  newLabel,
  form,
}: {
  title: string;
  catalog: readonly DocumentEntry[];
  current: string | null;
  linkTo(name: string): string;
  newLabel: string;
  form(onDone: () => void): ReactNode;
}) {
  const { ctx } = useDraft();
  const { w } = useReportWords();
  const { label } = useLanguage();
  const [adding, setAdding] = useState(false);
  const groups = [
    { key: ctx.draft.name, title: w("ownReports", { package: ctx.draft.name }) },
    ...ctx.bases.map((base) => ({
      key: base.name,
      title: w("baseReports", { package: base.name }),
    })),
  ].map((group) => ({ ...group, entries: catalog.filter((e) => e.package === group.key) }));
  return (
    <nav className="entity-list document-list" aria-label={title}>
      {adding ? (
        form(() => setAdding(false))
      ) : (
        <button type="button" className="button small" onClick={() => setAdding(true)}>
          + {newLabel}
        </button>
      )}
      {groups.map((group) => (
        <div key={group.key} className="entity-group">
          <h2 className="nav-heading">{group.title}</h2>
          {group.entries.length === 0 ? (
            <p className="hint">{w("noReports")}</p>
          ) : (
            <ul>
              {group.entries.map((entry) => (
                <li key={entry.name}>
                  <Link
                    className="nav-link"
                    to={linkTo(entry.name)}
                    aria-current={entry.name === current ? "page" : undefined}
                  >
                    <span>{label(entry.labels, entry.name)}</span>
                    <code className="entity-code">{entry.name}</code>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </nav>
  );
}
