import type { AppModel, Entity, Field, Labels } from "@loom/engine";
import type { Formatter } from "../list/format.ts";

/** A linked record shown by its id, muted: the user may not read it, or it was deleted. */
export interface UntitledLink {
  readonly id: string;
}

/** A value as the history shows it: its text, a linked record by its title or else its id. */
export type HistoryText = readonly (string | UntitledLink)[];

/** One line of an audit entry as the record page shows it: field: from → to. */
export interface HistoryLine {
  readonly key: string;
  readonly field: string;
  readonly from: HistoryText;
  readonly to: HistoryText;
}

/** How an entry's words and values read in the user's language. */
export interface HistoryWords {
  format: Formatter;
  label(labels: Labels | undefined, fallback: string): string;
  /** a linked record's title, when it has been looked up (see linkedRecords) */
  title(target: string, id: string): string | undefined;
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
    const line = lineEntity(model, field);
    if (line && isLines(change)) {
      const lineName = (record: Record<string, unknown>) =>
        typeof record.line_no === "number" ? `${name} #${record.line_no}` : name;
      return [
        ...change.added.map((r, i) => ({
          key: `${field.name}+${i}`,
          field: lineName(r),
          from: [],
          to: [`${words.added}: `, ...wholeLine(model, line, r, words)],
        })),
        ...change.removed.map((r, i) => ({
          key: `${field.name}-${i}`,
          field: lineName(r),
          from: [`${words.removed}: `, ...wholeLine(model, line, r, words)],
          to: [],
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
    const from = valueText(model, field, before, words);
    const to = valueText(model, field, after, words);
    // a field created empty says nothing
    return from.length === 0 && to.length === 0 ? [] : [{ key: field.name, field: name, from, to }];
  });
}

/**
 * The linked records an entry's changes name (lines and their nested tables included), added to
 * `found` by target entity: a page of entries looks each target's titles up in one request.
 */
export function linkedRecords(
  model: AppModel,
  entity: Entity,
  changes: unknown,
  found: Map<string, Set<string>>,
): void {
  if (!isObject(changes)) return;
  for (const field of entity.fields) {
    const change = changes[field.name];
    if (!isObject(change)) continue;
    const line = lineEntity(model, field);
    if (line && isLines(change)) {
      linkedValues(model, field, [...change.added, ...change.removed], found);
      for (const { fields } of change.changed) linkedRecords(model, line, fields, found);
    } else {
      linkedValues(model, field, (change as Change).before, found);
      linkedValues(model, field, (change as Change).after, found);
    }
  }
}

function linkedValues(
  model: AppModel,
  field: Field,
  value: unknown,
  found: Map<string, Set<string>>,
): void {
  if (field.type === "link" && field.target && typeof value === "string") {
    const ids = found.get(field.target) ?? new Set<string>();
    found.set(field.target, ids.add(value));
  }
  const line = lineEntity(model, field);
  if (line && Array.isArray(value))
    for (const record of value.filter(isObject))
      for (const f of line.fields) linkedValues(model, f, record[f.name], found);
}

/** A field's value: a link by its title (its id when untitled), nested lines as whole lines. */
function valueText(
  model: AppModel,
  field: Field,
  value: unknown,
  words: HistoryWords,
): HistoryText {
  if (field.type === "link" && field.target && typeof value === "string")
    return [words.title(field.target, value) ?? { id: value }];
  const line = lineEntity(model, field);
  if (line && Array.isArray(value))
    return joined(
      value.filter(isObject).map((record) => ["(", ...wholeLine(model, line, record, words), ")"]),
      " ",
    );
  const text = words.format(field, value);
  return text === "" ? [] : [text];
}

/** A whole line as its non-empty fields: `Item: Pump, Qty: 2`. */
function wholeLine(
  model: AppModel,
  line: Entity,
  record: Record<string, unknown>,
  words: HistoryWords,
): HistoryText {
  return joined(
    line.fields
      .map((f): HistoryText => {
        const value = valueText(model, f, record[f.name], words);
        return value.length === 0 ? [] : [`${words.label(f.labels, f.name)}: `, ...value];
      })
      .filter((text) => text.length > 0),
    ", ",
  );
}

function joined(texts: readonly HistoryText[], separator: string): HistoryText {
  return texts.flatMap((text, i) => (i === 0 ? text : [separator, ...text]));
}

/** the entity of a table field's lines, when the user may read them */
function lineEntity(model: AppModel, field: Field): Entity | undefined {
  return field.type === "table" && field.target ? model.entities[field.target] : undefined;
}

function isLines(change: Record<string, unknown>): change is Record<string, unknown> & Lines {
  return (
    Array.isArray(change.added) && Array.isArray(change.removed) && Array.isArray(change.changed)
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
