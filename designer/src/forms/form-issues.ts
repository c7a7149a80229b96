import type { Issue } from "@loom/engine";

/**
 * The issues of a form file, each at the most specific of `places` (JSON pointers: tabs,
 * sections, field entries) it points into; `rest`: those pointing at none of them (the form as
 * a whole, its grids).
 */
export function issuesByPlace(
  issues: readonly Issue[],
  places: readonly string[],
): { at: ReadonlyMap<string, readonly Issue[]>; rest: readonly Issue[] } {
  const longestFirst = [...places].sort((a, b) => b.length - a.length);
  const at = new Map<string, Issue[]>();
  const rest: Issue[] = [];
  for (const issue of issues) {
    const path = issue.path ?? "";
    const place = longestFirst.find((p) => path === p || path.startsWith(`${p}/`));
    if (place === undefined) rest.push(issue);
    else at.set(place, [...(at.get(place) ?? []), issue]);
  }
  return { at, rest };
}
