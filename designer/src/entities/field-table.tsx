import { useDraft } from "../draft/draft-context.tsx";
import type { EntityEntry } from "../draft/entity-catalog.ts";
import type { FieldRow } from "../draft/field-rows.ts";
import { issuesAt } from "../draft/issues-at.ts";
import { useWords } from "../i18n/words.ts";
import { FieldRowView } from "./field-row.tsx";
import type { FieldEdits } from "./use-field-edits.ts";

/** The entity's fields, one row each, with their problems under them. */
export function FieldTable({
  entity,
  rows,
  edits,
}: {
  entity: EntityEntry;
  rows: readonly FieldRow[];
  edits: FieldEdits;
}) {
  const { ctx, issues } = useDraft();
  const { w } = useWords();
  return (
    <section aria-labelledby="fields-title">
      <h2 id="fields-title">{w("fields")}</h2>
      <div className="table-wrap">
        <table className="list field-table">
          <thead>
            <tr>
              <th scope="col">{w("colOrder")}</th>
              <th scope="col">{w("colName")}</th>
              <th scope="col">{w("colType")}</th>
              <th scope="col">{w("colLabelEn")}</th>
              <th scope="col">{w("colLabelZh")}</th>
              <th scope="col">{w("colRequired")}</th>
              <th scope="col">{w("colUnique")}</th>
              <th scope="col">{w("colMore")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <FieldRowView
                key={`${row.file}#${row.field.name}`}
                entity={entity}
                row={row}
                edits={edits}
                issues={[
                  ...issuesAt(issues, row),
                  ...(row.override
                    ? issuesAt(issues, { package: ctx.draft.name, ...row.override })
                    : []),
                ]}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
