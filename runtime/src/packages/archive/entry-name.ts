import type { Issue } from "@loom/engine";
import { entryIssue } from "./refusal.ts";

/**
 * Why an entry name must not be used, or undefined when it is a plain relative `/`-separated path.
 * Checked on the name as stored (backslashes kept), so `..\evil.json` or `C:\x.json` cannot pass
 * as a harmless name on one OS and escape on another.
 */
export function entryNameIssue(name: string): Issue | undefined {
  const segments = name.split(/[/\\]/);
  if (segments.includes(".."))
    return entryIssue(
      "path-traversal",
      name,
      'a ".." in a path could write outside the package: remove the entry, or export the package again',
    );
  if (/^[/\\]/.test(name) || /^[A-Za-z]:/.test(name))
    return entryIssue(
      "absolute-path",
      name,
      "an absolute path could write anywhere: entries must be paths relative to the package",
    );
  if (name.includes("\\"))
    return entryIssue(
      "unsafe-path",
      name,
      'a backslash in a name is a folder separator on Windows only: use "/" between folders',
    );
  // control characters and ":" (Windows drive letters, NTFS streams) name nothing a package needs
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f:]/.test(name))
    return entryIssue(
      "unsafe-path",
      name,
      'control characters and ":" are not allowed in a name: rename the file',
    );
  if (segments.some((segment) => segment === "" || segment === "."))
    return entryIssue(
      "unsafe-path",
      name,
      'empty or "." folder names are not allowed: write each path as folder/…/file.json',
    );
  return undefined;
}

/**
 * The key two names collide on when written to a disk that ignores case or Unicode normalization
 * (macOS, Windows): `Item.json` and `item.json` are one file there.
 */
export function collisionKey(name: string): string {
  return name.normalize("NFC").toLowerCase();
}
