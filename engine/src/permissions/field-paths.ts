/** True when `paths` names `path` itself or a table field above it (`lines` covers `lines.qty`). */
export function covers(paths: readonly string[], path: string): boolean {
  return paths.some((p) => p === path || path.startsWith(`${p}.`));
}

/**
 * The paths every list covers: a field left out by each of several grants. Written briefly: a
 * table field every list covers whole stands for its line fields, which are not repeated.
 */
export function coveredByAll(lists: readonly (readonly string[])[]): Set<string> {
  if (lists.length === 0) return new Set();
  const common = [...new Set(lists.flat())].filter((path) =>
    lists.every((list) => covers(list, path)),
  );
  return new Set(
    common.filter(
      (path) =>
        !covers(
          common.filter((p) => p !== path),
          path,
        ),
    ),
  );
}
