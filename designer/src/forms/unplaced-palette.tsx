import { useLanguage } from "@loom/app/i18n";
import type { FieldDef } from "@loom/engine";
import { useWords } from "../i18n/words.ts";
import { dragItem, useDropList } from "./drag-list.ts";
import type { PlaceChoice } from "./place-choices.ts";
import type { FormEdits } from "./use-form-edits.ts";

/**
 * The fields no section places (the app shows them under "Other Fields"): each dragged into a
 * section or placed at the end of the one chosen from its menu. A placed field dropped here
 * leaves the form.
 */
export function UnplacedPalette({
  fields,
  sections,
  edits,
}: {
  fields: readonly FieldDef[];
  sections: readonly PlaceChoice[];
  edits: FormEdits;
}) {
  const { w } = useWords();
  const { label } = useLanguage();
  const drop = useDropList("field", (name) => edits.unplace(name));
  return (
    <section className="unplaced" aria-labelledby="unplaced-title">
      <h2 id="unplaced-title">{w("unplacedTitle")}</h2>
      <p className="hint">{fields.length > 0 ? w("unplacedNote") : w("allPlaced")}</p>
      <ul
        className={drop.spot ? "form-fields palette drop-end" : "form-fields palette"}
        aria-label={w("dropToUnplace")}
        {...drop.props}
      >
        {fields.map((field) => (
          <li key={field.name} className="form-field" {...dragItem("field", field.name)}>
            <div className="form-field-row">
              <span className="drag-handle" aria-hidden="true">
                ⠿
              </span>
              <span className="form-field-name">
                {label(field.labels, field.name)} <code>{field.name}</code>
              </span>
              <select
                className="section-select"
                aria-label={w("placeField", { field: field.name })}
                value=""
                onChange={(event) =>
                  edits.place(
                    field.name,
                    { section: event.target.value, before: null },
                    `section:${field.name}`,
                  )
                }
              >
                <option value="" disabled>
                  {w("chooseSection")}
                </option>
                {sections.map((choice) => (
                  <option key={choice.id} value={choice.id}>
                    {choice.name}
                  </option>
                ))}
              </select>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
