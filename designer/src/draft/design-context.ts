import type { Layer } from "@loom/engine";

/** A package's files: path → JSON text. */
export type Files = Readonly<Record<string, string>>;

/** What an edit writes, file by file: the new text, or null to remove the file. */
export type FileChanges = Record<string, string | null>;

/** One component file as read, before any schema check: its parsed JSON object. */
export interface Component {
  readonly file: string;
  readonly value: Readonly<Record<string, unknown>>;
}

/** A package the draft builds on, read-only. */
export interface BasePackage {
  readonly name: string;
  readonly layer: Layer;
  readonly components: readonly Component[];
}

/**
 * What the designer's edit functions read: the draft package's files as they are now, the files
 * the draft adds to the installed package (their fields exist nowhere live yet), and the packages
 * it builds on.
 */
export interface DesignContext {
  readonly draft: {
    readonly name: string;
    readonly files: Files;
    readonly added: ReadonlySet<string>;
  };
  readonly bases: readonly BasePackage[];
}

/** Parsed JSON of `text`, undefined when it is not valid JSON (the engine reports why). */
export function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The files' components (objects with a `kind`), tolerating files that do not parse or validate. */
export function readComponents(files: Files): Component[] {
  const components: Component[] = [];
  for (const file of Object.keys(files).sort()) {
    const value = parseJson(files[file]);
    if (isObject(value) && typeof value.kind === "string") components.push({ file, value });
  }
  return components;
}

/** The packages a draft answer builds on, read once (they do not change while the draft is edited). */
export function basePackages(
  packages: readonly { readonly name: string; readonly layer: Layer; readonly files: Files }[],
): BasePackage[] {
  return packages.map(({ name, layer, files }) => ({
    name,
    layer,
    components: readComponents(files),
  }));
}

/**
 * The context of the draft's `files` (the local ones, saved or not): a file is new in the draft
 * when the server counts it added, or when it is not saved yet at all.
 */
export function designContext(
  draft: {
    readonly name: string;
    readonly saved: Files;
    readonly added: readonly string[];
  },
  files: Files,
  bases: readonly BasePackage[],
): DesignContext {
  const added = new Set(draft.added);
  for (const file of Object.keys(files)) if (!(file in draft.saved)) added.add(file);
  return { draft: { name: draft.name, files, added }, bases };
}

/** `files` after `changes` (null removes a file). */
export function applyChanges(files: Files, changes: FileChanges): Files {
  const next: Record<string, string> = { ...files };
  for (const [file, text] of Object.entries(changes)) {
    if (text === null) delete next[file];
    else next[file] = text;
  }
  return next;
}
