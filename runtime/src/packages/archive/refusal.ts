import { type Issue, LoomError } from "@loom/engine";

/**
 * The codes of the problems an archive or folder is refused for, each the `code` of one detail of
 * an `archive-refused` error (README.md lists what each means).
 */
export type RefusalCode =
  | "input-too-large"
  | "too-many-entries"
  | "entry-too-large"
  | "archive-too-large"
  | "corrupt-archive"
  | "corrupt-entry"
  | "encrypted-entry"
  | "unsupported-compression"
  | "path-traversal"
  | "absolute-path"
  | "unsafe-path"
  | "symlink"
  | "duplicate-entry"
  | "not-json"
  | "not-utf8"
  | "no-manifest"
  | "format-version"
  | "forbidden-key"
  | "checksum-missing"
  | "checksum-file-missing"
  | "checksum-mismatch";

/** One problem with one entry; `path` is the entry's name in the archive or folder (`""`: the whole input). */
export function entryIssue(code: RefusalCode, path: string, message: string): Issue {
  return { code, message, path };
}

/**
 * The error that stops an import before anything changes: every problem found, each naming its
 * entry and saying what to do, summed up by the first.
 */
export function archiveRefused(source: string, issues: readonly Issue[]): LoomError {
  const first = issues[0]!;
  const where = first.path ? `${first.path}: ` : "";
  const more =
    issues.length > 1
      ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""}, each listed)`
      : "";
  return new LoomError(
    "archive-refused",
    `${source} was refused before anything changed: ${where}${first.message}${more}`,
    issues,
  );
}
