import { useLanguage } from "@loom/app/i18n";
import { PageTitle } from "@loom/app/layout/page-title";
import { Link } from "@loom/app/router";
import { useMemo } from "react";
import { useDraft } from "../draft/draft-context.tsx";
import { draftExtensionFile, type EntityEntry } from "../draft/entity-catalog.ts";
import { fieldRows } from "../draft/field-rows.ts";
import { issuesAt, type Place } from "../draft/issues-at.ts";
import { useWords } from "../i18n/words.ts";
import { designerPaths } from "../shell/routes.ts";
import { AddFieldForm } from "./add-field-form.tsx";
import { FieldTable } from "./field-table.tsx";
import { refusalText } from "./refusal-text.ts";
import { useFieldEdits } from "./use-field-edits.ts";

/** One entity: where it is defined, where edits of it go, and its fields. */
export function EntityEditor({ entity }: { entity: EntityEntry }) {
  const { ctx, issues } = useDraft();
  const { w } = useWords();
  const { label } = useLanguage();
  const rows = useMemo(() => fieldRows(ctx, entity.name), [ctx, entity.name]);
  const edits = useFieldEdits(entity.name);
  const extension = draftExtensionFile(ctx, entity.name);
  // problems of the draft's file of this entity that no field row shows
  const editedFile = entity.own ? entity.file : extension;
  const placesOfRows: Place[] = rows.flatMap((row) => [
    row,
    ...(row.override ? [{ package: ctx.draft.name, ...row.override }] : []),
  ]);
  const entityIssues = issues.filter(
    (issue) =>
      issue.package === ctx.draft.name &&
      issue.file === editedFile &&
      !placesOfRows.some((place) => issuesAt([issue], place).length > 0),
  );
  return (
    <>
      <header className="page-header">
        <div>
          <PageTitle>
            {label(entity.labels, entity.name)} <code className="entity-code">{entity.name}</code>
          </PageTitle>
          <p className="note">
            {w("definedIn", { package: entity.package })} · <code>{entity.file}</code>
          </p>
        </div>
        <Link
          className="button small"
          to={
            editedFile in ctx.draft.files
              ? designerPaths.json(editedFile)
              : designerPaths.json(entity.file, entity.package)
          }
        >
          {w("openInJson")}
        </Link>
      </header>
      {!entity.own && (
        <p className="base-note" id="base-note">
          {w("baseNote", {
            entity: label(entity.labels, entity.name),
            package: entity.package,
            file: extension,
            draft: ctx.draft.name,
          })}
        </p>
      )}
      {entityIssues.length > 0 && (
        <ul className="error-box entity-problems">
          {entityIssues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              {issue.path && <code>{issue.path}</code>} {issue.message}
            </li>
          ))}
        </ul>
      )}
      {edits.refusal && (
        <p role="alert" className="error-box">
          {refusalText(w, edits.refusal, { package: entity.package })}
        </p>
      )}
      <FieldTable entity={entity} rows={rows} edits={edits} />
      <AddFieldForm edits={edits} />
    </>
  );
}
