import { canonicalJson } from "../model/checksum.ts";

/** How one file of a package differs between two versions of it. */
export interface FileChange {
  readonly file: string;
  readonly change: "added" | "changed" | "removed";
}

/**
 * The files (components, manifest) that differ from `before` to `after`, by path. Two texts of
 * the same JSON value (key order, spacing) are the same file: what a reviewer of a publish or an
 * import needs is what changes in meaning, not in formatting.
 */
export function diffPackageFiles(
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
): FileChange[] {
  const changes: FileChange[] = [];
  const files = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const file of files) {
    const was = Object.hasOwn(before, file) ? before[file] : undefined;
    const now = Object.hasOwn(after, file) ? after[file] : undefined;
    if (was === undefined) changes.push({ file, change: "added" });
    else if (now === undefined) changes.push({ file, change: "removed" });
    else if (!sameJson(was, now)) changes.push({ file, change: "changed" });
  }
  return changes;
}

function sameJson(a: string, b: string): boolean {
  if (a === b) return true;
  const parsedA = parsed(a);
  const parsedB = parsed(b);
  return parsedA !== undefined && parsedB !== undefined && parsedA === parsedB;
}

/** The canonical text of a JSON file, or undefined when it does not parse (then texts compare). */
function parsed(text: string): string | undefined {
  try {
    return canonicalJson(JSON.parse(text));
  } catch {
    return undefined;
  }
}
