import type { Issue } from "@loom/engine";
import { useWords } from "../i18n/words.ts";
import type { FormOutline, OutlineTab } from "./form-outline.ts";
import { LabelInputs } from "./label-inputs.tsx";
import type { PlaceChoice } from "./place-choices.ts";
import { SectionCard } from "./section-card.tsx";
import type { FormEdits } from "./use-form-edits.ts";

/**
 * The form's tabs one under the other (all visible, so a field can be dragged from any section
 * to any other), each with its title, its place and its sections; a tab and a section added at
 * the end.
 */
export function FormLayoutEditor({
  outline,
  choices,
  issuesAt,
  edits,
}: {
  outline: FormOutline;
  choices: { tabs: readonly PlaceChoice[]; sections: readonly PlaceChoice[] };
  issuesAt(pointer: string): readonly Issue[];
  edits: FormEdits;
}) {
  const { w } = useWords();
  return (
    <section className="form-layout" aria-labelledby="form-layout-title">
      <h2 id="form-layout-title">{w("layoutTitle")}</h2>
      <p className="hint">{w("keyboardHint")}</p>
      {!outline.tabbed && <p className="hint">{w("oneTab")}</p>}
      {outline.tabs.map((tab, i) => (
        <div
          key={tab.id || i}
          className={outline.tabbed ? "form-tab" : "form-tab implicit"}
          data-tab={tab.id}
        >
          {outline.tabbed && (
            <TabHead tab={tab} first={i === 0} last={i === outline.tabs.length - 1} edits={edits} />
          )}
          {tab.pointer && issuesAt(tab.pointer).length > 0 && (
            <ul className="form-problems">
              {issuesAt(tab.pointer).map((issue) => (
                <li key={`${issue.path}:${issue.code}`}>
                  <code>{issue.path}</code> {issue.message}
                </li>
              ))}
            </ul>
          )}
          {tab.sections.map((section, j) => (
            <SectionCard
              key={section.id || j}
              section={section}
              tab={tab}
              tabs={choices.tabs}
              sections={choices.sections}
              first={j === 0}
              last={j === tab.sections.length - 1}
              issuesAt={issuesAt}
              edits={edits}
            />
          ))}
          <button
            type="button"
            className="button small"
            onClick={() =>
              edits.addSection(outline.tabbed ? tab.id : null, {
                en: w("newSectionEn"),
                "zh-CN": w("newSectionZh"),
              })
            }
          >
            + {w("addSection")}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button small"
        onClick={() =>
          edits.addTab(
            { en: w("newTabEn"), "zh-CN": w("newTabZh") },
            { en: w("newSectionEn"), "zh-CN": w("newSectionZh") },
          )
        }
      >
        + {w("addTab")}
      </button>
    </section>
  );
}

function TabHead({
  tab,
  first,
  last,
  edits,
}: {
  tab: OutlineTab;
  first: boolean;
  last: boolean;
  edits: FormEdits;
}) {
  const { w } = useWords();
  const { id } = tab;
  return (
    <header className="form-tab-head">
      <span className="tab-mark" aria-hidden="true">
        ▭
      </span>
      <code className="entity-code">{id}</code>
      <LabelInputs
        labels={tab.labels}
        names={[w("tabTitleEn", { tab: id }), w("tabTitleZh", { tab: id })]}
        onChange={(labels) => labels && edits.tabLabels(id, labels)}
      />
      <span className="form-tools">
        <button
          type="button"
          className="icon-button"
          data-focus={`tab-left:${id}`}
          aria-label={w("moveTabLeft", { tab: id })}
          aria-disabled={first}
          onClick={() => !first && edits.moveTab(id, -1, `tab-left:${id}`)}
        >
          ←
        </button>
        <button
          type="button"
          className="icon-button"
          data-focus={`tab-right:${id}`}
          aria-label={w("moveTabRight", { tab: id })}
          aria-disabled={last}
          onClick={() => !last && edits.moveTab(id, 1, `tab-right:${id}`)}
        >
          →
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={w("removeTab", { tab: id })}
          aria-disabled={first && last}
          onClick={() => {
            if (!(first && last) && window.confirm(w("removeTabConfirm", { tab: id })))
              edits.removeTab(id);
          }}
        >
          ✕
        </button>
      </span>
    </header>
  );
}
