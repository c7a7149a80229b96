import { useLanguage } from "@loom/app/i18n";
import { PageTitle } from "@loom/app/layout/page-title";
import type { AppModel } from "@loom/engine";
import { useMemo, useRef } from "react";
import { useDraft } from "../draft/draft-context.tsx";
import type { EntityEntry } from "../draft/entity-catalog.ts";
import { useWords } from "../i18n/words.ts";
import { issuesByPlace } from "./form-issues.ts";
import { FormLayoutEditor } from "./form-layout-editor.tsx";
import { formOutline } from "./form-outline.ts";
import { FormPreview } from "./form-preview.tsx";
import { draftFormFile, formInEffect } from "./form-source.ts";
import { FormSourceNote } from "./form-source-note.tsx";
import { placeChoices } from "./place-choices.ts";
import { TableColumns } from "./table-columns.tsx";
import { UnplacedPalette } from "./unplaced-palette.tsx";
import { useFormEdits } from "./use-form-edits.ts";

/**
 * One entity's form: where it comes from and where edits go, its layout (tabs, sections, fields,
 * the unplaced ones, the grids' columns) with the problems where they point, and beside it the
 * live preview of the draft.
 */
export function FormDesigner({ entity }: { entity: EntityEntry }) {
  const { ctx, issues, model } = useDraft();
  const { w } = useWords();
  const { label } = useLanguage();
  const edits = useFormEdits(entity.name);
  const { source, value } = formInEffect(ctx, entity.name);
  const outline = useMemo(() => formOutline(edits.target, value), [edits.target, value]);
  // while the draft has problems the preview keeps the last model that compiled
  const compiled = useRef<AppModel | undefined>(model);
  if (model) compiled.current = model;
  const shown = compiled.current;

  const fileIssues = issues.filter(
    (issue) =>
      source.kind === "draft" && issue.package === ctx.draft.name && issue.file === source.file,
  );
  const places = outline.tabs.flatMap((tab) => [
    ...(tab.pointer ? [tab.pointer] : []),
    ...tab.sections.flatMap((section) => [
      section.pointer,
      ...section.fields.map((f) => f.pointer),
    ]),
  ]);
  const located = issuesByPlace(fileIssues, places);
  const issuesAt = (pointer: string) => located.at.get(pointer) ?? [];
  const choices = placeChoices(outline, entity.labels, label);
  return (
    <>
      <header className="page-header">
        <div>
          <PageTitle>
            {label(entity.labels, entity.name)} <code className="entity-code">{entity.name}</code>
          </PageTitle>
        </div>
      </header>
      <FormSourceNote
        entity={entity}
        source={source}
        draftFile={draftFormFile(ctx, entity.name)}
        onDrop={edits.drop}
      />
      {located.rest.length > 0 && (
        <section className="error-box" aria-label={w("formProblems")}>
          <ul className="form-problems">
            {located.rest.map((issue) => (
              <li key={`${issue.path}:${issue.code}:${issue.message}`}>
                <code>{issue.path}</code> {issue.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {edits.refusal && (
        <p role="alert" className="error-box">
          {w("refused", { message: edits.refusal.message })}
        </p>
      )}
      <div className="form-workbench">
        <div className="form-editor">
          <UnplacedPalette fields={outline.unplaced} sections={choices.sections} edits={edits} />
          <FormLayoutEditor outline={outline} choices={choices} issuesAt={issuesAt} edits={edits} />
          <TableColumns tables={outline.tables} edits={edits} />
        </div>
        <div className="form-preview-column">
          {!model && shown && <p className="banner stale">{w("previewStale")}</p>}
          {shown ? (
            <FormPreview model={shown} entity={entity.name} />
          ) : (
            <p className="note">{w("previewNone")}</p>
          )}
        </div>
      </div>
    </>
  );
}
