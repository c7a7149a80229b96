import { useLanguage } from "@loom/app/i18n";
import { PageTitle } from "@loom/app/layout/page-title";
import { navigate } from "@loom/app/router";
import { type ReactNode, useState } from "react";
import type { DocumentEntry, DocumentRefusal } from "../draft/document-files.ts";
import { useDraft } from "../draft/draft-context.tsx";
import { useReportWords } from "../i18n/report-words.ts";
import type { PlacedProblems } from "../reports/report-problem-places.ts";
import { ProblemsProvider } from "../reports/report-problems.tsx";
import { documentRefusalText } from "./document-refusal-text.ts";

/** What differs between the whole-document editors (reports, dashboards) around their content. */
export interface DocumentPageProps {
  readonly entry: DocumentEntry;
  /** the remove button's text */
  readonly removeLabel: string;
  /** removes the document from the draft; true when it was removed */
  readonly remove: () => boolean;
  /** where the page goes once the document is removed: the kind's list */
  readonly listPath: string;
  /** the form copying `entry` as a new document */
  readonly copyForm: (onDone: () => void) => ReactNode;
  /** the read-only note's id, which the tests and the inputs' descriptions name */
  readonly readOnlyId: string;
  /** the last step's refusal */
  readonly refusal: DocumentRefusal | null;
  /** the document's problems; those at no place of the page are listed above it */
  readonly problems: PlacedProblems;
  readonly problemsLabel: string;
  readonly problemsTestId?: string;
  readonly children: ReactNode;
}

/**
 * The frame of one whole document's page: its title, copy and remove buttons, the copy form, the
 * note when it belongs to a package the draft builds on, the last refusal and the problems found at
 * no place of the page; one frame so reports and dashboards read and behave alike.
 */
export function DocumentPage(props: DocumentPageProps) {
  const { entry, problems } = props;
  const { ctx } = useDraft();
  const { w } = useReportWords();
  const { label } = useLanguage();
  const [copying, setCopying] = useState(false);
  const readOnly = !entry.own;
  return (
    <ProblemsProvider problems={problems}>
      <header className="page-header">
        <PageTitle>
          {label(entry.labels, entry.name)} <code className="entity-code">{entry.name}</code>
        </PageTitle>
        <div className="buttons">
          <button type="button" className="button small" onClick={() => setCopying(true)}>
            {w("copyAsNew")}
          </button>
          {!readOnly && (
            <button
              type="button"
              className="button small danger"
              onClick={() => {
                if (!window.confirm(w("removeConfirm", { name: entry.name }))) return;
                if (props.remove()) navigate(props.listPath);
              }}
            >
              {props.removeLabel}
            </button>
          )}
        </div>
      </header>
      {copying && props.copyForm(() => setCopying(false))}
      {readOnly && (
        <p className="base-note" id={props.readOnlyId}>
          {w("readOnlyNote", { name: entry.name, package: entry.package, draft: ctx.draft.name })}
        </p>
      )}
      {props.refusal && (
        <p role="alert" className="error-box">
          {documentRefusalText(w, props.refusal)}
        </p>
      )}
      {problems.rest.length > 0 && (
        <section
          className="error-box"
          aria-label={props.problemsLabel}
          data-testid={props.problemsTestId}
        >
          <ul className="form-problems">
            {problems.rest.map((p) => (
              <li key={`${p.path}:${p.message}`}>
                {p.path && <code>{p.path}</code>} {p.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {props.children}
    </ProblemsProvider>
  );
}
