/** The file every package has at its root. */
export const MANIFEST = "loom-package.json";

/**
 * One package read from an archive or a folder, or about to be written to one.
 * `root`: `""` for a package at the top of the archive/folder, else its top-level folder in a
 * bundle. `files`: package-relative `/`-separated path → UTF-8 text, keys in sorted order.
 */
export interface PackageFolder {
  readonly root: string;
  readonly files: Record<string, string>;
}

/**
 * A record from `[path, text]` pairs, sorted by path. `Object.fromEntries` defines each key as an
 * own property, so even a key spelled `__proto__` stays a plain entry and never reaches the prototype.
 */
export function fileRecord(entries: Iterable<readonly [string, string]>): Record<string, string> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The `name` in a manifest's text; undefined when it has none or is not JSON. */
export function manifestName(manifest: string | undefined): string | undefined {
  try {
    const name = (JSON.parse(manifest ?? "null") as { name?: unknown } | null)?.name;
    return typeof name === "string" ? name : undefined;
  } catch {
    return undefined;
  }
}
