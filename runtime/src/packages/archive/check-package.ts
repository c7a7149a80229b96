import type { Issue } from "@loom/engine";
import { fileChecksum } from "./checksums.ts";
import { forbiddenKeyPointers } from "./forbidden-keys.ts";
import { MANIFEST, type PackageFolder } from "./package-folder.ts";
import { entryIssue } from "./refusal.ts";

/** The newest package format this Loom reads (the manifest's `formatVersion`, absent = 1). */
export const PACKAGE_FORMAT_VERSION = 1;

/**
 * What an import must refuse in a package before the engine reads it: a format newer than this
 * Loom, keys that could reach an object's prototype, files that do not match the manifest's
 * checksums. Files that are not valid JSON are left to the engine's `parsePackage`, which
 * reports them with line and column. Each issue's `path` is the entry's name in the archive.
 */
export function checkPackageFolder(folder: PackageFolder): Issue[] {
  const entry = (file: string) => (folder.root ? `${folder.root}/${file}` : file);
  const parsed = new Map<string, unknown>();
  for (const [file, text] of Object.entries(folder.files)) {
    try {
      parsed.set(file, JSON.parse(text));
    } catch {
      // a syntax error: parsePackage reports it with its line and column
    }
  }
  const manifest = asObject(parsed.get(MANIFEST));

  const format = manifest?.formatVersion;
  if (typeof format === "number" && format > PACKAGE_FORMAT_VERSION)
    // a newer format may mean anything below: checking it as format 1 would mislead
    return [
      entryIssue(
        "format-version",
        entry(MANIFEST),
        `made by a newer Loom (format ${format}, this Loom reads up to ${PACKAGE_FORMAT_VERSION}): upgrade Loom`,
      ),
    ];

  const issues: Issue[] = [];
  for (const [file, value] of parsed)
    for (const pointer of forbiddenKeyPointers(value))
      issues.push(
        entryIssue(
          "forbidden-key",
          entry(file),
          `the key "${lastSegment(pointer)}" at ${pointer} is not allowed (it could change how objects behave where the file is read): rename or remove it`,
        ),
      );

  const checksums = asObject(manifest?.checksums);
  if (checksums) issues.push(...checksumIssues(folder, checksums, entry));
  return issues;
}

function checksumIssues(
  folder: PackageFolder,
  checksums: Record<string, unknown>,
  entry: (file: string) => string,
): Issue[] {
  const issues: Issue[] = [];
  const hint = `or remove "checksums" from ${MANIFEST} to import hand-edited files`;
  for (const [file, text] of Object.entries(folder.files)) {
    if (file === MANIFEST) continue;
    if (!Object.hasOwn(checksums, file))
      issues.push(
        entryIssue(
          "checksum-missing",
          entry(file),
          `the file was added after export (${MANIFEST} has no checksum for it): remove it, export the package again, ${hint}`,
        ),
      );
    else if (checksums[file] !== fileChecksum(text))
      issues.push(
        entryIssue(
          "checksum-mismatch",
          entry(file),
          `the file changed after export: export it again, ${hint}`,
        ),
      );
  }
  for (const file of Object.keys(checksums))
    if (file !== MANIFEST && !Object.hasOwn(folder.files, file))
      issues.push(
        entryIssue(
          "checksum-file-missing",
          entry(file),
          `the file is listed in the manifest's checksums but missing from the package: export the package again, ${hint}`,
        ),
      );
  return issues;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function lastSegment(pointer: string): string {
  return pointer
    .slice(pointer.lastIndexOf("/") + 1)
    .replaceAll("~1", "/")
    .replaceAll("~0", "~");
}
