import type { AppModel, Entity, Labels } from "@loom/engine";
import type { Formatter } from "../list/format.ts";

/** One line of an audit entry as the record page shows it: field: from → to. */
export interface HistoryLine {
  readonly key: string;
  readonly field: string;
  readonly from: string;
  readonly to: string;
}

/** How an entry's words and values read in the user's language. */
export interface HistoryWords {
  format: Formatter;
  label(labels: Labels | undefined, fallback: string): string;
  /** "added" / "removed" for a whole line */
  added: string;
  removed: string;
}

type Change = { before?: unknown; after?: unknown };
type Lines = {
  added: Record<string, unknown>[];
  removed: Record<string, unknown>[];
  changed: { id: string; fields: Record<string, unknown> }[];
};

/**
 * The changes of an audit entry (`changes` of GET …/history: field → `{ before?, after? }`, a
 * table field's lines as `{ added, removed, changed }`) as lines, in the entity's field order. A
 * line of a table is named by its table and line number (`Lines #2 › Qty`); a whole line added
 * or removed reads as its non-empty fields joined; a field empty before and after is left out.
 */
export function historyLines(
  model: AppModel,
  entity: Entity,
  changes: unknown,
  words: HistoryWords,
  prefix = "",
): HistoryLine[] {
  if (!isObject(changes)) return [];
  return entity.fields.flatMap((field): HistoryLine[] => {
    const change = changes[field.name];
    if (!isObject(change)) return [];
    const name = `${prefix}${words.label(field.labels, field.name)}`;
    const line = field.target ? model.entities[field.target] : undefined;
    if (line && isLines(change)) {
      const whole = (record: Record<string, unknown>) =>
        line.fields
          .map((f) => [words.label(f.labels, f.name), words.format(f, record[f.name])])
          .filter(([, value]) => value !== "")
          .map(([name, value]) => `${name}: ${value}`)
          .join(", ");
      const lineName = (record: Record<string, unknown>) =>
        typeof record.line_no === "number" ? `${name} #${record.line_no}` : name;
      return [
        ...change.added.map((r, i) => ({
          key: `${field.name}+${i}`,
          field: lineName(r),
          from: "",
          to: `${words.added}: ${whole(r)}`,
        })),
        ...change.removed.map((r, i) => ({
          key: `${field.name}-${i}`,
          field: lineName(r),
          from: `${words.removed}: ${whole(r)}`,
          to: "",
        })),
        ...change.changed.flatMap(({ id, fields }) =>
          historyLines(model, line, fields, words, `${name} › `).map((l) => ({
            ...l,
            key: `${field.name}/${id}/${l.key}`,
          })),
        ),
      ];
    }
    const { before, after } = change as Change;
    const from = words.format(field, before);
    const to = words.format(field, after);
    // a field created empty says nothing
    return from === "" && to === "" ? [] : [{ key: field.name, field: name, from, to }];
  });
}

function isLines(change: Record<string, unknown>): change is Record<string, unknown> & Lines {
  return (
    Array.isArray(change.added) && Array.isArray(change.removed) && Array.isArray(change.changed)
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
