import { applyEdits, type JSONPath, modify } from "jsonc-parser";
import { type FileChanges, type Files, parseJson } from "./design-context.ts";

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: "\n" } } as const;

/**
 * Edits the draft's files as text: each change touches only the value it sets, so the rest of a
 * file keeps its layout (a consultant's diff in git shows the change, not a reformatting). New
 * files are written with two-space indentation, like the samples.
 */
export class FileWriter {
  readonly #files: Files;
  readonly #changes: FileChanges = {};

  constructor(files: Files) {
    this.#files = files;
  }

  /** The file's text with the changes so far (undefined: absent or removed). */
  text(file: string): string | undefined {
    const changed = this.#changes[file];
    if (changed === null) return undefined;
    return changed ?? this.#files[file];
  }

  value(file: string): unknown {
    return parseJson(this.text(file));
  }

  /** Sets the value at `path` (creating what leads to it); undefined removes it. */
  set(file: string, path: JSONPath, value: unknown): void {
    const text = this.#existing(file);
    this.#changes[file] = applyEdits(text, modify(text, path, value, FORMAT));
  }

  /** Inserts `value` into the array at `path` before `index` (-1: at the end). */
  insert(file: string, path: JSONPath, index: number, value: unknown): void {
    const text = this.#existing(file);
    this.#changes[file] = applyEdits(
      text,
      modify(text, [...path, index], value, { ...FORMAT, isArrayInsertion: true }),
    );
  }

  /** Writes a whole new file. */
  create(file: string, value: unknown): void {
    this.#changes[file] = `${JSON.stringify(value, null, 2)}\n`;
  }

  remove(file: string): void {
    this.#changes[file] = null;
  }

  changes(): FileChanges {
    return { ...this.#changes };
  }

  #existing(file: string): string {
    const text = this.text(file);
    if (text === undefined) throw new Error(`${file} is not a file of the draft`);
    return text;
  }
}
