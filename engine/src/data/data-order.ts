import type { Issue } from "../errors.ts";
import { issueAt } from "../layer/apply-layers.ts";
import type { AppModel } from "../model/app-model.ts";
import { type DataFile, locOf } from "./data-files.ts";
import { linkKey, rowKey } from "./data-keys.ts";
import { dataLinks } from "./data-links.ts";

/** A data file with the order its rows are written in: indices into `def.rows`. */
export interface OrderedDataFile extends DataFile {
  readonly rowOrder: readonly number[];
}

/**
 * The order in which data is written, so a link's target row exists before the row naming it:
 * entities after the entities their rows link to, the files of one entity in package
 * (dependency) order, and in a file the rows after the rows of the same file they link to (a
 * tree's parents first). A cycle is an issue: such rows cannot be written one after the other.
 */
export function dataOrder(
  files: readonly DataFile[],
  model: AppModel,
): { files: OrderedDataFile[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const packageIndex = new Map(model.packages.map((pkg, i) => [pkg.name, i]));
  const byEntity = new Map<string, DataFile[]>();
  const sorted = [...files].sort(
    (a, b) =>
      (packageIndex.get(a.package) ?? 0) - (packageIndex.get(b.package) ?? 0) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
  );
  for (const file of sorted) {
    const list = byEntity.get(file.def.entity) ?? [];
    list.push(file);
    byEntity.set(file.def.entity, list);
  }
  const entities = [...byEntity.keys()].sort();
  const targetsOf = (name: string): string[] => {
    const links = dataLinks(model.entities[name]!);
    const used = links.filter(
      (link) =>
        link.target !== name &&
        byEntity.has(link.target) &&
        byEntity.get(name)!.some((file) => file.def.rows.some((row) => row[link.field] != null)),
    );
    return [...new Set(used.map((link) => link.target))].sort();
  };
  const { ordered, cycle } = dependencyOrder(entities, targetsOf);
  if (cycle) {
    for (const name of cycle)
      issues.push(
        issueAt(
          locOf(byEntity.get(name)![0]!, "/entity"),
          "data-link-cycle",
          `the rows of ${[...cycle, cycle[0]].map((n) => `"${n}"`).join(" → ")} link to each other in a circle: no order can write one before the other; leave one link out of the data`,
        ),
      );
    return { files: [], issues };
  }
  const result: OrderedDataFile[] = [];
  for (const name of ordered) {
    for (const file of byEntity.get(name)!) {
      const rows = rowOrder(file, model);
      if (rows.issue) issues.push(rows.issue);
      else result.push({ ...file, rowOrder: rows.order });
    }
  }
  return { files: result, issues };
}

function rowOrder(file: DataFile, model: AppModel): { order: number[]; issue?: Issue } {
  const { def } = file;
  const selfLinks = dataLinks(model.entities[def.entity]!).filter(
    (link) => link.target === def.entity,
  );
  const indices = def.rows.map((_, i) => i);
  if (selfLinks.length === 0) return { order: indices };
  const byKey = new Map(def.rows.map((row, i) => [rowKey(def.key, row), i]));
  const linked = new Map<number, { field: string; row: number }[]>();
  def.rows.forEach((row, i) => {
    linked.set(
      i,
      selfLinks.flatMap(({ field }) => {
        const value = row[field];
        const key = value == null ? undefined : linkKey(def.key, value);
        const target = key === undefined ? undefined : byKey.get(key);
        return target === undefined ? [] : [{ field, row: target }];
      }),
    );
  });
  const { ordered, cycle } = dependencyOrder(indices, (i) => linked.get(i)!.map((l) => l.row));
  if (!cycle) return { order: ordered };
  const first = cycle[0]!;
  const next = cycle[1] ?? first;
  const field = linked.get(first)!.find((l) => l.row === next)!.field;
  return {
    order: [],
    issue: issueAt(
      locOf(file, `/rows/${first}/${field}`),
      "data-link-cycle",
      cycle.length === 1
        ? `row ${rowKey(def.key, def.rows[first]!)} links to itself: leave "${field}" out of it`
        : `rows ${[...cycle, first].map((i) => rowKey(def.key, def.rows[i]!)).join(" → ")} link to each other in a circle: no order can write one before the other`,
    ),
  };
}

/**
 * Orders nodes so that each comes after the nodes it depends on, keeping the given order where
 * nothing forces another; returns the nodes of a cycle too, when there is one.
 */
export function dependencyOrder<T>(
  nodes: readonly T[],
  dependsOn: (node: T) => readonly T[],
): { ordered: T[]; cycle?: T[] } {
  const ordered: T[] = [];
  const state = new Map<T, "visiting" | "done">();
  let cycle: T[] | undefined;
  const visit = (node: T, trail: readonly T[]): void => {
    if (cycle || state.get(node) === "done") return;
    if (state.get(node) === "visiting") {
      cycle = trail.slice(trail.indexOf(node));
      return;
    }
    state.set(node, "visiting");
    for (const next of dependsOn(node)) visit(next, [...trail, node]);
    state.set(node, "done");
    ordered.push(node);
  };
  for (const node of nodes) visit(node, []);
  return cycle ? { ordered, cycle } : { ordered };
}
