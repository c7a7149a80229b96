import { useReportWords } from "../i18n/report-words.ts";
import { measureWith, pathsFor } from "./measure-choices.ts";
import { PathSelect } from "./path-select.tsx";
import { AtPointer, ProblemsAt } from "./problem-text.tsx";
import { AGGREGATES, type Aggregate, FORMATS, type ReportDraft } from "./report-def.ts";
import { measureLabels, newMeasure } from "./report-edits.ts";
import type { PathChoice } from "./report-fields.ts";
import { EntryButtons, ReportLabels } from "./report-labels.tsx";
import type { ReportEdits } from "./use-report-edits.ts";

/** The report's measures: an aggregate of a field each (or the rows counted), labelled, formatted. */
export function MeasureList({
  report,
  paths,
  edits,
  readOnly,
}: {
  report: ReportDraft;
  paths: readonly PathChoice[];
  edits: ReportEdits;
  readOnly: boolean;
}) {
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
              <span className="entry-cell" data-caption={w("name")}>
                <AtPointer pointer={`${at}/name`}>
                  {(invalid) => (
                    <input
                      className="input name-input"
                      aria-label={w("measureName", { n: i + 1 })}
                      value={measure.name ?? ""}
                      readOnly={readOnly}
                      onChange={(e) => edits.rename("measures", i, e.target.value)}
                      {...invalid}
                    />
                  )}
                </AtPointer>
                <ProblemsAt pointer={at} />
              </span>
              <span className="entry-cell" data-caption={w("aggregate")}>
                <AtPointer pointer={`${at}/aggregate`}>
                  {(invalid) => (
                    <select
                      aria-label={`${w("aggregate")} ${name}`}
                      value={measure.aggregate ?? ""}
                      disabled={readOnly}
                      onChange={(e) =>
                        edits.set(
                          ["measures", i],
                          measureWith(measure, e.target.value as Aggregate, measure.field, paths),
                        )
                      }
                      {...invalid}
                    >
                      {measure.aggregate === undefined && <option value="">{w("choose")}</option>}
                      {AGGREGATES.map((a) => (
                        <option key={a} value={a}>
                          {w(`aggregates_${a}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </AtPointer>
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
              <span className="entry-cell" data-caption={`${w("labelEn")} / ${w("labelZh")}`}>
                <ReportLabels
                  pointer={`${at}/labels`}
                  labels={measure.labels}
                  names={[`${w("labelEn")} ${name}`, `${w("labelZh")} ${name}`]}
                  readOnly={readOnly}
                  onChange={(labels) => edits.set(["measures", i, "labels"], labels)}
                />
              </span>
              <span className="entry-cell" data-caption={w("format")}>
                <AtPointer pointer={`${at}/format`}>
                  {(invalid) => (
                    <select
                      aria-label={`${w("format")} ${name}`}
                      value={measure.format ?? ""}
                      disabled={readOnly}
                      onChange={(e) =>
                        edits.set(["measures", i, "format"], e.target.value || undefined)
                      }
                      {...invalid}
                    >
                      <option value="">{w("formatDefault")}</option>
                      {FORMATS.map((f) => (
                        <option key={f} value={f}>
                          {w(`formats_${f}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </AtPointer>
              </span>
              <span className="entry-cell entry-buttons">
                <EntryButtons
                  name={name}
                  index={i}
                  count={measures.length}
                  readOnly={readOnly || measures.length === 1}
                  upLabel={w("moveUp", { name })}
                  downLabel={w("moveDown", { name })}
                  removeLabel={w("removeItem", { name })}
                  onMove={(by) => edits.move("measures", i, by)}
                  onRemove={() => edits.remove("measures", i)}
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
