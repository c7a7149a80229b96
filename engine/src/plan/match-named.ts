/** An index or foreign key together with its table. */
export interface Located<T> {
  readonly table: string;
  readonly item: T;
}

export interface NamedMatching<T> {
  /** old items with no counterpart; `table` is the old table name */
  readonly dropped: readonly Located<T>[];
  /** same definition, new name; `table` is the new table name */
  readonly renamed: readonly { readonly table: string; readonly from: T; readonly to: T }[];
  /** new items with no old counterpart */
  readonly created: readonly Located<T>[];
}

/**
 * Matches old and new named objects by definition (`shape`, in new names; undefined when the old
 * object cannot survive), preferring the same name, so a renamed table or column keeps its
 * indexes and keys and only their names change.
 */
export function matchNamed<T extends { readonly name: string }>(
  olds: readonly Located<T>[],
  nexts: readonly Located<T>[],
  oldShape: (old: Located<T>) => string | undefined,
  newShape: (next: Located<T>) => string,
): NamedMatching<T> {
  const waiting = new Map<string, Located<T>[]>();
  for (const next of nexts) {
    const shape = newShape(next);
    const list = waiting.get(shape);
    if (list) list.push(next);
    else waiting.set(shape, [next]);
  }
  const shapes = new Map(olds.map((old) => [old, oldShape(old)]));
  const matches = new Map<Located<T>, Located<T>>();
  const taken = new Set<Located<T>>();
  // same name first, so two equal indexes never swap names
  for (const sameName of [true, false]) {
    for (const old of olds) {
      const shape = shapes.get(old);
      if (matches.has(old) || shape === undefined) continue;
      const match = waiting
        .get(shape)
        ?.find((next) => !taken.has(next) && (!sameName || next.item.name === old.item.name));
      if (match) {
        matches.set(old, match);
        taken.add(match);
      }
    }
  }
  const renamed = [...matches]
    .filter(([old, next]) => old.item.name !== next.item.name)
    .map(([old, next]) => ({ table: next.table, from: old.item, to: next.item }));
  return {
    dropped: olds.filter((old) => !matches.has(old)),
    renamed,
    created: nexts.filter((next) => !taken.has(next)),
  };
}
