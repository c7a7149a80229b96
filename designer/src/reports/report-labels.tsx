import type { Labels } from "@loom/engine";
import { LabelInputs } from "../forms/label-inputs.tsx";
import { useProblemsAt } from "./report-problems.tsx";

/** A part's labels in en and zh-CN at `pointer`, with the problems found there. */
export function ReportLabels({
  pointer,
  labels,
  names,
  optional = false,
  readOnly,
  onChange,
}: {
  pointer: string;
  labels: Labels | undefined;
  names: readonly [string, string];
  optional?: boolean;
  readOnly: boolean;
  onChange(labels: Labels | undefined): void;
}) {
  const problems = useProblemsAt(pointer);
  return (
    <span className="report-labels" {...problems.invalid}>
      {readOnly ? (
        <span>
          {labels?.en} {labels?.["zh-CN"] && <span lang="zh-CN">· {labels["zh-CN"]}</span>}
        </span>
      ) : (
        <LabelInputs labels={labels} names={names} optional={optional} onChange={onChange} />
      )}
      {problems.list}
    </span>
  );
}

/** The controls of a list entry: up, down, remove. */
export function EntryButtons({
  name,
  index,
  count,
  readOnly,
  upLabel,
  downLabel,
  removeLabel,
  onMove,
  onRemove,
}: {
  name: string;
  index: number;
  count: number;
  readOnly: boolean;
  upLabel: string;
  downLabel: string;
  removeLabel: string;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}) {
  if (readOnly) return null;
  return (
    <span className="move" data-entry={name}>
      <button
        type="button"
        className="icon-button"
        aria-label={upLabel}
        aria-disabled={index === 0}
        onClick={() => index > 0 && onMove(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={downLabel}
        aria-disabled={index === count - 1}
        onClick={() => index < count - 1 && onMove(1)}
      >
        ↓
      </button>
      <button type="button" className="icon-button" aria-label={removeLabel} onClick={onRemove}>
        ×
      </button>
    </span>
  );
}
