import { useReportWords } from "../i18n/report-words.ts";
import type { BuilderSectionProps } from "./builder-section.ts";
import { ChoiceSelect } from "./choice-select.tsx";
import { measureWith, pathsFor } from "./measure-choices.ts";
import { MemberButtons } from "./member-buttons.tsx";
import { MemberLabels } from "./member-labels.tsx";
import { MemberName } from "./member-name.tsx";
import { PathSelect } from "./path-select.tsx";
import { AtPointer, ProblemsAt } from "./problem-text.tsx";
import { AGGREGATES, type Aggregate, FORMATS } from "./report-def.ts";
import { measureLabels, newMeasure } from "./report-edits.ts";

/** The report's measures: an aggregate of a field each (or the rows counted), labelled, formatted. */
export function MeasureList({ report, paths, edits, readOnly }: BuilderSectionProps) {
  const { w } = useReportWords();
  const measures = report.measures ?? [];
  return (
    <fieldset className="report-section" data-section="measures">
      <legend>{w("measures")}</legend>
      <div className="entry-list">
        {measures.map((measure, i) => {
          const at = `/measures/${i}`;
          const name = measure.name || `#${i + 1}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the name is what is being typed
            <div key={i} className="entry-row" data-measure={measure.name}>
              <MemberName
                list="measures"
                index={i}
                value={measure.name}
                readOnly={readOnly}
                edits={edits}
              >
                <ProblemsAt pointer={at} />
              </MemberName>
              <span className="entry-cell" data-caption={w("aggregate")}>
                <ChoiceSelect
                  pointer={`${at}/aggregate`}
                  label={`${w("aggregate")} ${name}`}
                  value={measure.aggregate ?? ""}
                  first={
                    measure.aggregate === undefined ? { value: "", text: w("choose") } : undefined
                  }
                  choices={AGGREGATES}
                  text={(a) => w(`aggregates_${a}`)}
                  disabled={readOnly}
                  onChange={(a) =>
                    edits.set(
                      ["measures", i],
                      measureWith(measure, a as Aggregate, measure.field, paths),
                    )
                  }
                />
              </span>
              <span className="entry-cell" data-caption={w("field")}>
                <AtPointer pointer={`${at}/field`}>
                  {(invalid) => (
                    <PathSelect
                      label={`${w("field")} ${name}`}
                      value={measure.field}
                      paths={pathsFor(measure.aggregate, paths)}
                      none={measure.aggregate === "count" ? w("rowsCounted") : w("choose")}
                      disabled={readOnly}
                      invalid={invalid}
                      onChange={(path) =>
                        edits.set(
                          ["measures", i],
                          measureWith(measure, measure.aggregate, path, paths),
                        )
                      }
                    />
                  )}
                </AtPointer>
              </span>
              <MemberLabels
                list="measures"
                index={i}
                name={name}
                labels={measure.labels}
                readOnly={readOnly}
                edits={edits}
              />
              <span className="entry-cell" data-caption={w("format")}>
                <ChoiceSelect
                  pointer={`${at}/format`}
                  label={`${w("format")} ${name}`}
                  value={measure.format ?? ""}
                  first={{ value: "", text: w("formatDefault") }}
                  choices={FORMATS}
                  text={(f) => w(`formats_${f}`)}
                  disabled={readOnly}
                  onChange={(f) => edits.set(["measures", i, "format"], f || undefined)}
                />
              </span>
              <span className="entry-cell entry-buttons">
                <MemberButtons
                  list="measures"
                  name={name}
                  index={i}
                  count={measures.length}
                  readOnly={readOnly || measures.length === 1}
                  edits={edits}
                />
              </span>
            </div>
          );
        })}
      </div>
      {!readOnly && (
        <button
          type="button"
          className="button small"
          onClick={() =>
            edits.add("measures", newMeasure(report, undefined, measureLabels("count", undefined)))
          }
        >
          + {w("addMeasure")}
        </button>
      )}
      <ProblemsAt pointer="/measures" />
    </fieldset>
  );
}
