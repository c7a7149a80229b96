import { useLanguage } from "@loom/app/i18n";
import { navigate } from "@loom/app/router";
import type { Labels } from "@loom/engine";
import type { ReactNode } from "react";
import type { DesignContext } from "../draft/design-context.ts";
import type { DocumentEditResult, DocumentEntry } from "../draft/document-files.ts";
import { useDraft } from "../draft/draft-context.tsx";
import { useReportWords } from "../i18n/report-words.ts";
import { documentRefusalText } from "./document-refusal-text.ts";
import { NameLabelsForm } from "./name-labels-form.tsx";

/** What differs between making a new report and a new dashboard. */
export interface DocumentFormProps {
  /** the document copied; absent for a new one */
  readonly from?: DocumentEntry;
  /** the form's title when it makes a new document */
  readonly newTitle: string;
  readonly className: string;
  readonly nameLabel: string;
  /** adds the document (or the copy of `from`) to the draft, or says why it cannot */
  readonly add: (ctx: DesignContext, name: string, labels: Labels) => DocumentEditResult;
  /** the page of the document once made */
  readonly pathTo: (name: string) => string;
  readonly onDone: () => void;
  /** the kind's own inputs, after the name and labels */
  readonly children?: ReactNode;
}

/**
 * A new whole document of the draft's package, or a copy of `from` named `<name>_copy`; it opens
 * once made. Shared so copying and naming read the same for every kind.
 */
export function DocumentForm(props: DocumentFormProps) {
  const { from } = props;
  const { ctx, session } = useDraft();
  const { w } = useReportWords();
  const { label } = useLanguage();
  return (
    <NameLabelsForm
      title={from ? w("copyTitle", { label: label(from.labels, from.name) }) : props.newTitle}
      heading={from !== undefined}
      className={props.className}
      nameLabel={props.nameLabel}
      nameHelp={w("nameHelp")}
      initial={
        from && {
          name: `${from.name}_copy`,
          en: w("copyOf", { label: from.labels?.en ?? from.name }),
        }
      }
      create={(name, labels) => {
        const result = props.add(ctx, name, labels);
        if (!result.ok) return documentRefusalText(w, result.refusal);
        session.edit(result.changes);
        navigate(props.pathTo(name));
        return null;
      }}
      onDone={props.onDone}
    >
      {props.children}
    </NameLabelsForm>
  );
}
