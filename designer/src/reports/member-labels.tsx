import type { Labels } from "@loom/engine";
import type { ReactNode } from "react";
import { useReportWords } from "../i18n/report-words.ts";
import { ReportLabels } from "./report-labels.tsx";
import type { ReportEdits } from "./use-report-edits.ts";

/**
 * The labels cell of grouping or measure `index`, its inputs named by the entry so a screen reader
 * tells the rows apart; shared by both lists. `children` follow the inputs.
 */
export function MemberLabels({
  list,
  index,
  name,
  labels,
  optional = false,
  readOnly,
  edits,
  children,
}: {
  list: "dimensions" | "measures";
  index: number;
  name: string;
  labels: Labels | undefined;
  optional?: boolean;
  readOnly: boolean;
  edits: ReportEdits;
  children?: ReactNode;
}) {
  const { w } = useReportWords();
  return (
    <span className="entry-cell" data-caption={`${w("labelEn")} / ${w("labelZh")}`}>
      <ReportLabels
        pointer={`/${list}/${index}/labels`}
        labels={labels}
        names={[`${w("labelEn")} ${name}`, `${w("labelZh")} ${name}`]}
        optional={optional}
        readOnly={readOnly}
        onChange={(next) => edits.set([list, index, "labels"], next)}
      />
      {children}
    </span>
  );
}
