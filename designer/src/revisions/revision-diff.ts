import { diffLines } from "diff";

/** A line of a file's diff, or a stretch of unchanged lines left out. */
export type DiffLine =
  | { readonly kind: "added" | "removed" | "same"; readonly text: string }
  | { readonly kind: "skipped"; readonly count: number };

/**
 * JSON laid out the same way on both sides, so that only what a file says shows as changed, not
 * how it was indented; text that does not parse is compared as it is.
 */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * The lines from `before` to `after` (null: the file was not there), with `context` unchanged
 * lines around each change and longer unchanged stretches collapsed.
 */
export function revisionDiff(before: string | null, after: string | null, context = 3): DiffLine[] {
  const parts = diffLines(prettyJson(before ?? ""), prettyJson(after ?? ""));
  const lines = parts
    .filter((part) => part.value !== "")
    .flatMap((part) => {
      const kind = part.added ? "added" : part.removed ? "removed" : "same";
      return part.value
        .replace(/\n$/, "")
        .split("\n")
        .map((text) => ({ kind, text }) as const);
    });
  const near = lines.map(() => false);
  lines.forEach((line, index) => {
    if (line.kind === "same") return;
    for (let at = Math.max(0, index - context); at <= index + context; at++) near[at] = true;
  });
  const out: DiffLine[] = [];
  let hidden: DiffLine[] = [];
  const flush = () => {
    // one hidden line takes as much room as saying so: show it
    if (hidden.length === 1) out.push(...hidden);
    else if (hidden.length > 1) out.push({ kind: "skipped", count: hidden.length });
    hidden = [];
  };
  lines.forEach((line, index) => {
    if (near[index]) {
      flush();
      out.push(line);
    } else hidden.push(line);
  });
  flush();
  return out;
}
