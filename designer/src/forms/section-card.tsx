import type { Issue, SectionColumns } from "@loom/engine";
import { useWords } from "../i18n/words.ts";
import { useDropList } from "./drag-list.ts";
import { FieldChip } from "./field-chip.tsx";
import { columnsOf, type OutlineSection, type OutlineTab } from "./form-outline.ts";
import { LabelInputs } from "./label-inputs.tsx";
import type { PlaceChoice } from "./place-choices.ts";
import type { FormEdits } from "./use-form-edits.ts";

/**
 * One section: its heading in both languages, its columns, its place (up, down, another tab),
 * and its fields in order, taking fields dropped onto it.
 */
export function SectionCard({
  section,
  tab,
  tabs,
  sections,
  first,
  last,
  issuesAt,
  edits,
}: {
  section: OutlineSection;
  tab: OutlineTab;
  /** the tabs it could move to (none in a form of one implicit tab) */
  tabs: readonly PlaceChoice[];
  sections: readonly PlaceChoice[];
  first: boolean;
  last: boolean;
  issuesAt(pointer: string): readonly Issue[];
  edits: FormEdits;
}) {
  const { w } = useWords();
  const { id } = section;
  const drop = useDropList("field", (name, spot) => edits.place(name, { section: id, ...spot }));
  const own = issuesAt(section.pointer);
  const name = sections.find((choice) => choice.id === id)?.name ?? id;
  return (
    <section className="form-section" aria-label={name} data-section={id}>
      <header className="form-section-head">
        <code className="entity-code">{id}</code>
        <LabelInputs
          labels={section.labels}
          optional
          names={[w("sectionTitleEn", { section: id }), w("sectionTitleZh", { section: id })]}
          onChange={(labels) => edits.setSection(id, { labels })}
        />
        <select
          aria-label={w("sectionColumns", { section: id })}
          value={section.columns ?? ""}
          onChange={(event) =>
            edits.setSection(id, {
              columns: (Number(event.target.value) || undefined) as SectionColumns | undefined,
            })
          }
        >
          <option value="">{w("columnsAuto", { count: columnsOf(section) })}</option>
          {[1, 2, 3].map((count) => (
            <option key={count} value={count}>
              {w("columnsN", { count })}
            </option>
          ))}
        </select>
        <span className="form-tools">
          <button
            type="button"
            className="icon-button"
            data-focus={`section-up:${id}`}
            aria-label={w("moveSectionUp", { section: id })}
            aria-disabled={first}
            onClick={() => !first && edits.moveSection(id, -1, `section-up:${id}`)}
          >
            ↑
          </button>
          <button
            type="button"
            className="icon-button"
            data-focus={`section-down:${id}`}
            aria-label={w("moveSectionDown", { section: id })}
            aria-disabled={last}
            onClick={() => !last && edits.moveSection(id, 1, `section-down:${id}`)}
          >
            ↓
          </button>
          {tabs.length > 1 && (
            <select
              data-focus={`section-tab:${id}`}
              aria-label={w("sectionToTab", { section: id })}
              value={tab.id}
              onChange={(event) => edits.sectionToTab(id, event.target.value, `section-tab:${id}`)}
            >
              {tabs.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.name}
                </option>
              ))}
            </select>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label={w("removeSection", { section: id })}
            onClick={() => edits.removeSection(id)}
          >
            ✕
          </button>
        </span>
      </header>
      {own.length > 0 && (
        <ul className="form-problems">
          {own.map((issue) => (
            <li key={`${issue.path}:${issue.code}`}>
              <code>{issue.path}</code> {issue.message}
            </li>
          ))}
        </ul>
      )}
      <ul
        className={drop.spot?.before === null ? "form-fields drop-end" : "form-fields"}
        {...drop.props}
      >
        {section.fields.map((field, i) => (
          <FieldChip
            // a name placed twice (a problem the engine names) still needs keys of its own
            key={`${field.name}#${section.fields.slice(0, i).filter((f) => f.name === field.name).length}`}
            field={field}
            section={id}
            sections={sections}
            first={i === 0}
            last={i === section.fields.length - 1}
            dropBefore={drop.spot?.before === field.name}
            issues={issuesAt(field.pointer)}
            edits={edits}
          />
        ))}
        {section.fields.length === 0 && <li className="hint empty-section">{w("emptySection")}</li>}
      </ul>
    </section>
  );
}
