import type { Labels } from "@loom/engine";
import { type Component, type DesignContext, isObject, readComponents } from "./design-context.ts";
import type { EditResult } from "./edit-result.ts";
import { FileWriter } from "./file-writer.ts";

/**
 * Components that are whole documents, one per file (`reports/<name>.json`,
 * `dashboards/<name>.json`): a customization package adds its own but never edits a base
 * package's, so only the draft's own files change here; a base package's is copied into the
 * draft under a new name.
 */
export interface DocumentEntry {
  readonly name: string;
  readonly labels: Labels | null;
  /** the package defining it */
  readonly package: string;
  readonly file: string;
  /** defined in the draft's package: editable */
  readonly own: boolean;
  /** the file's value as written (not checked against its schema: the engine reports that) */
  readonly value: Readonly<Record<string, unknown>>;
}

/** Every document of `kind`: the draft's own first, then each base package's, each by name. */
export function documentCatalog(ctx: DesignContext, kind: string): DocumentEntry[] {
  const byName = (a: DocumentEntry, b: DocumentEntry) => a.name.localeCompare(b.name);
  const read = (components: readonly Component[], pkg: string, own: boolean) =>
    components
      .flatMap(({ file, value }): DocumentEntry[] =>
        value.kind === kind && typeof value.name === "string"
          ? [{ name: value.name, labels: labelsOf(value.labels), package: pkg, file, own, value }]
          : [],
      )
      .sort(byName);
  return [
    ...read(readComponents(ctx.draft.files), ctx.draft.name, true),
    ...ctx.bases.flatMap((base) => read(base.components, base.name, false)),
  ];
}

export type DocumentRefusalCode = "unknown" | "base" | "exists" | "bad-name";

/** Why a step cannot be made; the UI explains it by `code`. */
export interface DocumentRefusal {
  readonly code: DocumentRefusalCode;
  readonly name: string;
  /** base: the package that defines it */
  readonly package?: string;
}

export type DocumentEditResult = EditResult<DocumentRefusal>;

/** A JSON path into a document: property names and array indexes. */
export type DocumentPath = readonly (string | number)[];

const NAME = /^[a-z][a-z0-9_]{0,49}$/;

/**
 * A new document `<folder>/<name>.json` of the draft: `value` under `kind`, name and labels (a
 * copy keeps the rest of the document it copies).
 */
export function createDocument(
  ctx: DesignContext,
  kind: string,
  folder: string,
  name: string,
  value: Readonly<Record<string, unknown>>,
): DocumentEditResult {
  if (!NAME.test(name)) return { ok: false, refusal: { code: "bad-name", name } };
  const file = `${folder}/${name}.json`;
  if (documentCatalog(ctx, kind).some((entry) => entry.name === name) || file in ctx.draft.files)
    return { ok: false, refusal: { code: "exists", name } };
  const writer = new FileWriter(ctx.draft.files);
  const { kind: _kind, name: _name, ...rest } = value;
  writer.create(file, { kind, name, ...rest });
  return { ok: true, changes: writer.changes() };
}

/** Sets the value at `path` of a document of the draft (undefined removes it). */
export function setInDocument(
  ctx: DesignContext,
  kind: string,
  name: string,
  path: DocumentPath,
  value: unknown,
): DocumentEditResult {
  return edit(ctx, kind, name, (writer, file) => writer.set(file, [...path], value));
}

/** Inserts `value` into the array at `path` before `index` (-1: at the end), creating the array. */
export function insertInDocument(
  ctx: DesignContext,
  kind: string,
  name: string,
  path: DocumentPath,
  index: number,
  value: unknown,
): DocumentEditResult {
  return edit(ctx, kind, name, (writer, file) => {
    const current = valueAt(writer.value(file), path);
    if (Array.isArray(current)) writer.insert(file, [...path], index, value);
    else writer.set(file, [...path], [value]);
  });
}

/** Removes entry `index` of the list `list`; an emptied list goes with it when `optional`. */
export function removeListEntry(
  ctx: DesignContext,
  kind: string,
  name: string,
  list: string,
  index: number,
  optional: boolean,
): DocumentEditResult {
  return edit(ctx, kind, name, (writer, file) => {
    const items = writer.value(file) as Record<string, unknown> | undefined;
    const length = Array.isArray(items?.[list]) ? (items[list] as unknown[]).length : 0;
    writer.set(file, optional && length <= 1 ? [list] : [list, index], undefined);
  });
}

/** Moves entry `index` of the list `list` one place up or down. */
export function moveListEntry(
  ctx: DesignContext,
  kind: string,
  name: string,
  list: string,
  index: number,
  by: -1 | 1,
): DocumentEditResult {
  return edit(ctx, kind, name, (writer, file) => {
    const value = valueAt(writer.value(file), [list]);
    const items = Array.isArray(value) ? [...value] : [];
    const to = index + by;
    if (to < 0 || to >= items.length) return;
    [items[index], items[to]] = [items[to], items[index]];
    writer.set(file, [list], items);
  });
}

/** Removes a document of the draft. */
export function removeDocument(ctx: DesignContext, kind: string, name: string): DocumentEditResult {
  return edit(ctx, kind, name, (writer, file) => writer.remove(file));
}

function edit(
  ctx: DesignContext,
  kind: string,
  name: string,
  step: (writer: FileWriter, file: string) => void,
): DocumentEditResult {
  const found = documentCatalog(ctx, kind).find((entry) => entry.name === name);
  if (!found) return { ok: false, refusal: { code: "unknown", name } };
  if (!found.own) return { ok: false, refusal: { code: "base", name, package: found.package } };
  const writer = new FileWriter(ctx.draft.files);
  step(writer, found.file);
  return { ok: true, changes: writer.changes() };
}

/** The value at `path` of a parsed document, undefined when the path leads nowhere. */
export function valueAt(value: unknown, path: DocumentPath): unknown {
  let at = value;
  for (const key of path) {
    if (typeof key === "number" ? !Array.isArray(at) : !isObject(at)) return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

function labelsOf(value: unknown): Labels | null {
  return isObject(value) && typeof value.en === "string" ? (value as unknown as Labels) : null;
}
