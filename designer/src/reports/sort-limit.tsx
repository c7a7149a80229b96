import { useReportWords } from "../i18n/report-words.ts";
import type { BuilderSectionProps } from "./builder-section.ts";
import { ChoiceSelect } from "./choice-select.tsx";
import { MemberButtons } from "./member-buttons.tsx";
import { PathSelect } from "./path-select.tsx";
import { AtPointer, ProblemsAt } from "./problem-text.tsx";
import { memberNames } from "./report-def.ts";
import { isDate } from "./report-fields.ts";

/**
 * How rows are ordered (by dimensions or measures), how many are kept (top N), and the period a
 * KPI compares with the one just before it (a date field between two date parameters).
 */
export function SortLimit({ report, paths, edits, readOnly }: BuilderSectionProps) {
  const { w } = useReportWords();
  const { dimensions, measures } = memberNames(report);
  const members = [...dimensions, ...measures];
  const sort = report.sort ?? [];
  const dateParameters = (report.parameters ?? []).filter((p) => p.type === "date" && p.name);
  const dateParameterNames = dateParameters.flatMap((p) => (p.name ? [p.name] : []));
  const period = report.period;
  return (
    <fieldset className="report-section" data-section="sort">
      <legend>{w("sortLimit")}</legend>
      {sort.map((entry, i) => {
        const name = entry.by || `#${i + 1}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: entries are edited in place
          <div key={i} className="sort-row">
            <ChoiceSelect
              pointer={`/sort/${i}/by`}
              label={`${w("sortBy")} ${i + 1}`}
              value={entry.by ?? ""}
              first={
                members.includes(entry.by ?? "")
                  ? undefined
                  : { value: entry.by ?? "", text: entry.by ?? w("choose") }
              }
              choices={members}
              text={(m) => m}
              disabled={readOnly}
              onChange={(by) => edits.set(["sort", i, "by"], by)}
            />
            <label className="role-flag">
              <input
                type="checkbox"
                checked={entry.desc === true}
                disabled={readOnly}
                onChange={(e) => edits.set(["sort", i, "desc"], e.target.checked || undefined)}
              />{" "}
              {w("descending")}
            </label>
            <MemberButtons
              list="sort"
              name={name}
              index={i}
              count={sort.length}
              readOnly={readOnly}
              edits={edits}
            />
            <ProblemsAt pointer={`/sort/${i}`} />
          </div>
        );
      })}
      {!readOnly && members.length > 0 && (
        <button
          type="button"
          className="button small"
          onClick={() => edits.add("sort", { by: measures[0] ?? members[0], desc: true })}
        >
          + {w("addSort")}
        </button>
      )}
      <AtPointer pointer="/limit">
        {(invalid) => (
          <label className="inline-field">
            {w("limit")}
            <input
              className="input number-input"
              type="number"
              min={1}
              max={1000}
              value={report.limit ?? ""}
              readOnly={readOnly}
              onChange={(e) =>
                edits.set(["limit"], e.target.value === "" ? undefined : Number(e.target.value))
              }
              {...invalid}
            />
          </label>
        )}
      </AtPointer>
      <p className="hint">{w("limitHelp")}</p>
      <fieldset className="report-subsection">
        <legend>{w("period")}</legend>
        <AtPointer pointer="/period/field">
          {(invalid) => (
            <PathSelect
              label={w("periodField")}
              value={period?.field}
              paths={paths.filter((p) => isDate(p.type))}
              none={w("noPeriod")}
              disabled={readOnly}
              invalid={invalid}
              onChange={(field) =>
                edits.set(
                  ["period"],
                  field === undefined
                    ? undefined
                    : {
                        field,
                        from: period?.from ?? dateParameters[0]?.name ?? "",
                        to: period?.to ?? dateParameters[1]?.name ?? "",
                      },
                )
              }
            />
          )}
        </AtPointer>
        {period !== undefined &&
          (["from", "to"] as const).map((end) => (
            <ChoiceSelect
              key={end}
              pointer={`/period/${end}`}
              caption={w(end === "from" ? "periodFrom" : "periodTo")}
              value={period[end] ?? ""}
              first={{ value: "", text: w("choose") }}
              choices={dateParameterNames}
              text={(p) => p}
              disabled={readOnly}
              onChange={(p) => edits.set(["period", end], p)}
            />
          ))}
        <ProblemsAt pointer="/period" />
      </fieldset>
    </fieldset>
  );
}
