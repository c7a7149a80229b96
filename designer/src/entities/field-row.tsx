import type { FieldType, Issue, Labels } from "@loom/engine";
import { useId, useState } from "react";
import type { EntityEntry } from "../draft/entity-catalog.ts";
import type { FieldRow } from "../draft/field-rows.ts";
import { propertyOf } from "../draft/issues-at.ts";
import { FIELD_TYPES, useWords } from "../i18n/words.ts";
import { ProblemsRow } from "../shell/problems-row.tsx";
import { FieldDetails } from "./field-details.tsx";
import { NameInput } from "./name-input.tsx";
import type { FieldEdits } from "./use-field-edits.ts";

const COLUMNS = 8;
/** what the details row edits: a problem there opens it */
const DETAIL_PROPERTIES = new Set([
  "help",
  "default",
  "options",
  "target",
  "onDelete",
  "computed",
  "visibleIf",
  "requiredIf",
]);

/**
 * One field: its own properties edited in place (a field of the draft's package), or those an
 * override may change (a base package's field; the rest is shown, not editable, with why).
 */
export function FieldRowView({
  entity,
  row,
  edits,
  issues,
}: {
  entity: EntityEntry;
  row: FieldRow;
  edits: FieldEdits;
  issues: readonly Issue[];
}) {
  const { w, typeName } = useWords();
  const { field } = row;
  const own = row.origin === "own";
  const id = useId();
  const problemsId = `${id}-problems`;
  const detailsId = `${id}-details`;
  const properties = new Set(
    issues.map((issue) =>
      propertyOf(
        issue,
        issue.package === row.package && issue.file === row.file
          ? row.pointer
          : row.override!.pointer,
      ),
    ),
  );
  const [open, setOpen] = useState(false);
  const expanded = open || [...properties].some((p) => p !== undefined && DETAIL_PROPERTIES.has(p));
  const invalid = (property: string) =>
    properties.has(property) ? { "aria-invalid": true, "aria-describedby": problemsId } : {};
  // an unset flag is absent in the draft's own field, and false where it overrides a base `true`
  const flag = (checked: boolean) => (own ? checked || undefined : checked);
  const fixed = w("fixedByBase", { package: row.package });
  const setLabel = (language: keyof Labels, text: string) => {
    const labels: Labels = { ...field.labels, [language]: text };
    if (language === "zh-CN" && text === "") delete labels["zh-CN"];
    edits.update(field.name, { labels });
  };
  const cellLabel = (column: string) => `${column} — ${field.name}`;
  return (
    <>
      <tr className={`field-row ${row.origin}`} data-field={field.name}>
        <td className="order">
          {own ? (
            <span className="move">
              <button
                type="button"
                className="icon-button"
                aria-label={w("moveUp", { field: field.name })}
                aria-disabled={row.index === 0}
                onClick={() => row.index > 0 && edits.move(field.name, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={w("moveDown", { field: field.name })}
                aria-disabled={row.index === row.siblings - 1}
                onClick={() => row.index < row.siblings - 1 && edits.move(field.name, 1)}
              >
                ↓
              </button>
            </span>
          ) : (
            <span className="package-tag" title={fixed}>
              {row.package}
            </span>
          )}
        </td>
        <td>
          {own ? (
            <NameInput
              name={field.name}
              label={cellLabel(w("colName"))}
              onRename={(to) => edits.rename(field.name, to)}
              invalid={invalid("name")}
            />
          ) : (
            <code title={fixed}>{field.name}</code>
          )}
          {row.overridden.length > 0 && <span className="customized">{w("customized")}</span>}
        </td>
        <td>
          {own ? (
            <select
              aria-label={cellLabel(w("colType"))}
              value={field.type}
              onChange={(event) => edits.retype(field, event.target.value as FieldType)}
              {...invalid("type")}
            >
              {FIELD_TYPES.map((type) => (
                <option key={type} value={type}>
                  {typeName(type)}
                </option>
              ))}
            </select>
          ) : (
            <span title={fixed}>{typeName(field.type)}</span>
          )}
        </td>
        <td>
          <input
            className="input"
            aria-label={cellLabel(w("colLabelEn"))}
            value={field.labels?.en ?? ""}
            onChange={(event) => setLabel("en", event.target.value)}
            {...invalid("labels")}
          />
        </td>
        <td>
          <input
            className="input"
            lang="zh-CN"
            aria-label={cellLabel(w("colLabelZh"))}
            value={field.labels?.["zh-CN"] ?? ""}
            onChange={(event) => setLabel("zh-CN", event.target.value)}
            {...invalid("labels")}
          />
        </td>
        <td className="flag">
          <input
            type="checkbox"
            aria-label={cellLabel(w("colRequired"))}
            checked={field.required === true}
            onChange={(event) => edits.update(field.name, { required: flag(event.target.checked) })}
            {...invalid("required")}
          />
        </td>
        <td className="flag">
          <input
            type="checkbox"
            aria-label={cellLabel(w("colUnique"))}
            checked={field.unique === true}
            disabled={!own}
            title={own ? undefined : fixed}
            onChange={(event) => edits.update(field.name, { unique: flag(event.target.checked) })}
            {...invalid("unique")}
          />
        </td>
        <td className="more">
          <button
            type="button"
            className="button small"
            aria-expanded={expanded}
            aria-controls={detailsId}
            aria-label={w("detailsOf", { field: field.name })}
            onClick={() => setOpen(!expanded)}
          >
            {w("showDetails")}
          </button>
          {own && (
            <button
              type="button"
              className="icon-button"
              aria-label={w("removeField", { field: field.name })}
              onClick={() => edits.remove(field.name)}
            >
              ×
            </button>
          )}
        </td>
      </tr>
      {expanded && (
        <tr className="field-details" id={detailsId}>
          <td colSpan={COLUMNS}>
            <FieldDetails entity={entity} row={row} edits={edits} invalid={invalid} />
          </td>
        </tr>
      )}
      {issues.length > 0 && (
        <ProblemsRow className="field-problems" colSpan={COLUMNS} id={problemsId} issues={issues} />
      )}
    </>
  );
}
