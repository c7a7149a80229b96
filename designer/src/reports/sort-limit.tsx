import { useReportWords } from "../i18n/report-words.ts";
import { PathSelect } from "./path-select.tsx";
import { AtPointer, ProblemsAt } from "./problem-text.tsx";
import { memberNames, type ReportDraft } from "./report-def.ts";
import { isDate, type PathChoice } from "./report-fields.ts";
import { EntryButtons } from "./report-labels.tsx";
import type { ReportEdits } from "./use-report-edits.ts";

/**
 * How rows are ordered (by dimensions or measures), how many are kept (top N), and the period a
 * KPI compares with the one just before it (a date field between two date parameters).
 */
export function SortLimit({
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
  const { dimensions, measures } = memberNames(report);
  const members = [...dimensions, ...measures];
  const sort = report.sort ?? [];
  const dateParameters = (report.parameters ?? []).filter((p) => p.type === "date" && p.name);
  const period = report.period;
  return (
    <fieldset className="report-section" data-section="sort">
      <legend>{w("sortLimit")}</legend>
      {sort.map((entry, i) => {
        const name = entry.by || `#${i + 1}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: entries are edited in place
          <div key={i} className="sort-row">
            <AtPointer pointer={`/sort/${i}/by`}>
              {(invalid) => (
                <select
                  aria-label={`${w("sortBy")} ${i + 1}`}
                  value={entry.by ?? ""}
                  disabled={readOnly}
                  onChange={(e) => edits.set(["sort", i, "by"], e.target.value)}
                  {...invalid}
                >
                  {!members.includes(entry.by ?? "") && (
                    <option value={entry.by ?? ""}>{entry.by ?? w("choose")}</option>
                  )}
                  {members.map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </select>
              )}
            </AtPointer>
            <label className="role-flag">
              <input
                type="checkbox"
                checked={entry.desc === true}
                disabled={readOnly}
                onChange={(e) => edits.set(["sort", i, "desc"], e.target.checked || undefined)}
              />{" "}
              {w("descending")}
            </label>
            <EntryButtons
              name={name}
              index={i}
              count={sort.length}
              readOnly={readOnly}
              upLabel={w("moveUp", { name })}
              downLabel={w("moveDown", { name })}
              removeLabel={w("removeItem", { name })}
              onMove={(by) => edits.move("sort", i, by)}
              onRemove={() => edits.remove("sort", i)}
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
            <AtPointer key={end} pointer={`/period/${end}`}>
              {(invalid) => (
                <label className="inline-field">
                  {w(end === "from" ? "periodFrom" : "periodTo")}
                  <select
                    value={period[end] ?? ""}
                    disabled={readOnly}
                    onChange={(e) => edits.set(["period", end], e.target.value)}
                    {...invalid}
                  >
                    <option value="">{w("choose")}</option>
                    {dateParameters.map((p) => (
                      <option key={p.name} value={p.name}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </AtPointer>
          ))}
        <ProblemsAt pointer="/period" />
      </fieldset>
    </fieldset>
  );
}
