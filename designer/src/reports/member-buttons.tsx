import { useReportWords } from "../i18n/report-words.ts";
import { EntryButtons } from "./report-labels.tsx";
import type { ReportEdits } from "./use-report-edits.ts";

/**
 * Up, down and remove for entry `index` of one of the report's lists, named by the entry so a
 * screen reader tells the rows apart; shared by the groupings, measures and sort.
 */
export function MemberButtons({
  list,
  name,
  index,
  count,
  readOnly,
  edits,
}: {
  list: "dimensions" | "measures" | "sort";
  name: string;
  index: number;
  count: number;
  readOnly: boolean;
  edits: ReportEdits;
}) {
  const { w } = useReportWords();
  return (
    <EntryButtons
      name={name}
      index={index}
      count={count}
      readOnly={readOnly}
      upLabel={w("moveUp", { name })}
      downLabel={w("moveDown", { name })}
      removeLabel={w("removeItem", { name })}
      onMove={(by) => edits.move(list, index, by)}
      onRemove={() => edits.remove(list, index)}
    />
  );
}
