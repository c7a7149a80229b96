import { useReportWords } from "../i18n/report-words.ts";
import type { BuilderSectionProps } from "./builder-section.ts";
import { ChoiceSelect } from "./choice-select.tsx";
import { MemberButtons } from "./member-buttons.tsx";
import { MemberLabels } from "./member-labels.tsx";
import { MemberName } from "./member-name.tsx";
import { PathSelect } from "./path-select.tsx";
import { AtPointer, ProblemsAt } from "./problem-text.tsx";
import { BUCKETS } from "./report-def.ts";
import { newDimension } from "./report-edits.ts";
import { isDate } from "./report-fields.ts";

const MAX_DIMENSIONS = 3;

/** The report's groupings: a field path each, a date one by day … year, with optional labels. */
export function DimensionList({ report, paths, edits, readOnly }: BuilderSectionProps) {
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
                <MemberName
                  list="dimensions"
                  index={i}
                  value={dimension.name}
                  readOnly={readOnly}
                  edits={edits}
                />
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
                    <ChoiceSelect
                      pointer={`${at}/bucket`}
                      label={`${w("bucket")} ${name}`}
                      value={dimension.bucket ?? ""}
                      first={{ value: "", text: w("noBucket") }}
                      choices={BUCKETS}
                      text={(b) => w(`buckets_${b}`)}
                      disabled={readOnly}
                      onChange={(b) => edits.set(["dimensions", i, "bucket"], b || undefined)}
                    />
                  ) : (
                    <AtPointer pointer={`${at}/bucket`}>
                      {() => <span className="hint">—</span>}
                    </AtPointer>
                  )}
                </span>
                <MemberLabels
                  list="dimensions"
                  index={i}
                  name={name}
                  labels={dimension.labels}
                  optional
                  readOnly={readOnly}
                  edits={edits}
                >
                  <ProblemsAt pointer={at} />
                </MemberLabels>
                <span className="entry-cell entry-buttons">
                  <MemberButtons
                    list="dimensions"
                    name={name}
                    index={i}
                    count={dimensions.length}
                    readOnly={readOnly}
                    edits={edits}
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
