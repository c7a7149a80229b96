import type { ReactNode } from "react";
import { useReportWords } from "../i18n/report-words.ts";
import { AtPointer } from "./problem-text.tsx";
import type { ReportEdits } from "./use-report-edits.ts";

/**
 * The name cell of grouping or measure `index`, typed in place: renamed through `edits.rename` so
 * the sort and chart entries naming it follow; shared by both lists. `children` follow the input.
 */
export function MemberName({
  list,
  index,
  value,
  readOnly,
  edits,
  children,
}: {
  list: "dimensions" | "measures";
  index: number;
  value: string | undefined;
  readOnly: boolean;
  edits: ReportEdits;
  children?: ReactNode;
}) {
  const { w } = useReportWords();
  return (
    <span className="entry-cell" data-caption={w("name")}>
      <AtPointer pointer={`/${list}/${index}/name`}>
        {(invalid) => (
          <input
            className="input name-input"
            aria-label={w(list === "dimensions" ? "dimensionName" : "measureName", {
              n: index + 1,
            })}
            value={value ?? ""}
            readOnly={readOnly}
            onChange={(e) => edits.rename(list, index, e.target.value)}
            {...invalid}
          />
        )}
      </AtPointer>
      {children}
    </span>
  );
}
