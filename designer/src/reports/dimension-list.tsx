import { useReportWords } from "../i18n/report-words.ts";
import { PathSelect } from "./path-select.tsx";
import { AtPointer, ProblemsAt } from "./problem-text.tsx";
import { BUCKETS, type ReportDraft } from "./report-def.ts";
import { newDimension } from "./report-edits.ts";
import { isDate, type PathChoice } from "./report-fields.ts";
import { EntryButtons, ReportLabels } from "./report-labels.tsx";
import type { ReportEdits } from "./use-report-edits.ts";

const MAX_DIMENSIONS = 3;

/** The report's groupings: a field path each, a date one by day … year, with optional labels. */
export function DimensionList({
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
  const dimensions = report.dimensions ?? [];
  const typeOf = (path: string | undefined) => paths.find((p) => p.path === path)?.type;
  return (
    <fieldset className="report-section" data-section="dimensions">
      <legend>{w("dimensions")}</legend>
      <p className="hint">{w("dimensionsHelp")}</p>
      {dimensions.length > 0 && (
        <div className="entry-list">
          {dimensions.map((dimension, i) => {
            const at = `/dimensions/${i}`;
            const name = dimension.name || `#${i + 1}`;
            const type = typeOf(dimension.field);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: the name is what is being typed
              <div key={i} className="entry-row" data-dimension={dimension.name}>
                <span className="entry-cell" data-caption={w("name")}>
                  <AtPointer pointer={`${at}/name`}>
                    {(invalid) => (
                      <input
                        className="input name-input"
                        aria-label={w("dimensionName", { n: i + 1 })}
                        value={dimension.name ?? ""}
                        readOnly={readOnly}
                        onChange={(e) => edits.rename("dimensions", i, e.target.value)}
                        {...invalid}
                      />
                    )}
                  </AtPointer>
                </span>
                <span className="entry-cell" data-caption={w("field")}>
                  <AtPointer pointer={`${at}/field`}>
                    {(invalid) => (
                      <PathSelect
                        label={`${w("field")} ${name}`}
                        value={dimension.field}
                        paths={paths}
                        none={w("choose")}
                        disabled={readOnly}
                        invalid={invalid}
                        onChange={(path) => {
                          // one edit: a second made from this render would undo the first
                          const date = path !== undefined && isDate(typeOf(path) ?? "text");
                          const { bucket, field: _old, ...rest } = dimension;
                          edits.set(["dimensions", i], {
                            ...rest,
                            ...(path !== undefined && { field: path }),
                            ...(date && { bucket: bucket ?? "month" }),
                          });
                        }}
                      />
                    )}
                  </AtPointer>
                </span>
                <span className="entry-cell" data-caption={w("bucket")}>
                  {type !== undefined && isDate(type) ? (
                    <AtPointer pointer={`${at}/bucket`}>
                      {(invalid) => (
                        <select
                          aria-label={`${w("bucket")} ${name}`}
                          value={dimension.bucket ?? ""}
                          disabled={readOnly}
                          onChange={(e) =>
                            edits.set(["dimensions", i, "bucket"], e.target.value || undefined)
                          }
                          {...invalid}
                        >
                          <option value="">{w("noBucket")}</option>
                          {BUCKETS.map((b) => (
                            <option key={b} value={b}>
                              {w(`buckets_${b}`)}
                            </option>
                          ))}
                        </select>
                      )}
                    </AtPointer>
                  ) : (
                    <AtPointer pointer={`${at}/bucket`}>
                      {() => <span className="hint">—</span>}
                    </AtPointer>
                  )}
                </span>
                <span className="entry-cell" data-caption={`${w("labelEn")} / ${w("labelZh")}`}>
                  <ReportLabels
                    pointer={`${at}/labels`}
                    labels={dimension.labels}
                    names={[`${w("labelEn")} ${name}`, `${w("labelZh")} ${name}`]}
                    optional
                    readOnly={readOnly}
                    onChange={(labels) => edits.set(["dimensions", i, "labels"], labels)}
                  />
                  <ProblemsAt pointer={at} />
                </span>
                <span className="entry-cell entry-buttons">
                  <EntryButtons
                    name={name}
                    index={i}
                    count={dimensions.length}
                    readOnly={readOnly}
                    upLabel={w("moveUp", { name })}
                    downLabel={w("moveDown", { name })}
                    removeLabel={w("removeItem", { name })}
                    onMove={(by) => edits.move("dimensions", i, by)}
                    onRemove={() => edits.remove("dimensions", i)}
                  />
                </span>
              </div>
            );
          })}
        </div>
      )}
      {!readOnly && dimensions.length < MAX_DIMENSIONS && (
        <PathSelect
          label={w("addDimension")}
          value={undefined}
          paths={paths}
          none={w("addDimension")}
          disabled={false}
          invalid={{}}
          onChange={(path) =>
            path !== undefined &&
            edits.add("dimensions", newDimension(report, path, isDate(typeOf(path) ?? "text")))
          }
        />
      )}
      <ProblemsAt pointer="/dimensions" />
    </fieldset>
  );
}
