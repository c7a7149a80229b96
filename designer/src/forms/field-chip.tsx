import { useLanguage } from "@loom/app/i18n";
import type { Issue, Labels, Widget } from "@loom/engine";
import { useId, useState } from "react";
import { useWords } from "../i18n/words.ts";
import { dragItem } from "./drag-list.ts";
import type { OutlineField } from "./form-outline.ts";
import type { PlaceChoice } from "./place-choices.ts";
import type { FormEdits } from "./use-form-edits.ts";
import { widgetName, widgetsFor } from "./widget-names.ts";

/**
 * A field placed in a section: dragged by the whole row, or moved by its buttons (up, down, the
 * section menu); its widget and placeholder open below it; ✕ takes it out of the form.
 */
export function FieldChip({
  field,
  section,
  sections,
  first,
  last,
  dropBefore,
  issues,
  edits,
}: {
  field: OutlineField;
  section: string;
  sections: readonly PlaceChoice[];
  first: boolean;
  last: boolean;
  dropBefore: boolean;
  issues: readonly Issue[];
  edits: FormEdits;
}) {
  const { w } = useWords();
  const { label } = useLanguage();
  const [open, setOpen] = useState(false);
  const id = useId();
  const { name } = field;
  const problems = issues.length > 0 ? `${id}-problems` : undefined;
  const classes = ["form-field", dropBefore && "drop-before", problems && "has-problems"];
  return (
    <li className={classes.filter(Boolean).join(" ")} {...dragItem("field", name)}>
      <div className="form-field-row">
        <span className="drag-handle" aria-hidden="true" title={w("dragField", { field: name })}>
          ⠿
        </span>
        <span className="form-field-name" aria-describedby={problems}>
          {field.field ? label(field.field.labels, name) : name} <code>{name}</code>
        </span>
        {field.widget && <span className="widget-tag">{field.widget}</span>}
        <span className="form-field-tools">
          <button
            type="button"
            className="icon-button"
            data-focus={`up:${name}`}
            aria-label={w("moveUp", { field: name })}
            aria-disabled={first}
            onClick={() => !first && edits.move(name, -1, `up:${name}`)}
          >
            ↑
          </button>
          <button
            type="button"
            className="icon-button"
            data-focus={`down:${name}`}
            aria-label={w("moveDown", { field: name })}
            aria-disabled={last}
            onClick={() => !last && edits.move(name, 1, `down:${name}`)}
          >
            ↓
          </button>
          <select
            className="section-select"
            data-focus={`section:${name}`}
            aria-label={w("fieldToSection", { field: name })}
            value={section}
            onChange={(event) =>
              edits.place(name, { section: event.target.value, before: null }, `section:${name}`)
            }
          >
            {sections.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name}
              </option>
            ))}
          </select>
          {field.field && field.field.type !== "table" && (
            <button
              type="button"
              className="icon-button look-toggle"
              aria-expanded={open}
              aria-controls={`${id}-look`}
              aria-label={w("lookOf", { field: name })}
              onClick={() => setOpen(!open)}
            >
              ⚙
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label={w("unplaceField", { field: name })}
            onClick={() => edits.unplace(name)}
          >
            ✕
          </button>
        </span>
      </div>
      {problems && (
        <ul className="form-problems" id={problems}>
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.code}`}>{issue.message}</li>
          ))}
        </ul>
      )}
      {open && field.field && (
        <FieldLook id={`${id}-look`} field={field} type={field.field.type} edits={edits} />
      )}
    </li>
  );
}

/** A field's widget (those fitting its type) and its placeholder in both languages. */
function FieldLook({
  id,
  field,
  type,
  edits,
}: {
  id: string;
  field: OutlineField;
  type: Parameters<typeof widgetsFor>[0];
  edits: FormEdits;
}) {
  const { w } = useWords();
  const { language } = useLanguage();
  const { name } = field;
  const widgets = widgetsFor(type);
  const setPlaceholder = (lang: keyof Labels, text: string) => {
    const next: Partial<Labels> = { ...field.placeholder, [lang]: text };
    const filled = Object.entries(next).filter(([, value]) => value !== "");
    edits.look(name, {
      placeholder:
        filled.length === 0 ? undefined : (Object.fromEntries(filled) as unknown as Labels),
    });
  };
  return (
    <div className="field-look" id={id}>
      {widgets.length > 0 && (
        <label>
          <span>{w("widgetOf", { field: name })}</span>
          <select
            value={field.widget ?? ""}
            onChange={(event) =>
              edits.look(name, { widget: (event.target.value || undefined) as Widget | undefined })
            }
          >
            <option value="">{w("widgetDefault")}</option>
            {widgets.map((widget) => (
              <option key={widget} value={widget}>
                {widgetName(language, widget)} ({widget})
              </option>
            ))}
          </select>
        </label>
      )}
      {type !== "boolean" && (
        <>
          <label>
            <span>{w("placeholderEn", { field: name })}</span>
            <input
              className="input"
              value={field.placeholder?.en ?? ""}
              onChange={(event) => setPlaceholder("en", event.target.value)}
            />
          </label>
          <label>
            <span>{w("placeholderZh", { field: name })}</span>
            <input
              className="input"
              lang="zh-CN"
              value={field.placeholder?.["zh-CN"] ?? ""}
              onChange={(event) => setPlaceholder("zh-CN", event.target.value)}
            />
          </label>
        </>
      )}
    </div>
  );
}
