import { canonicalJson, checksum, type OrderedDataFile } from "@loom/engine";
import type { CurrentRow } from "./current-rows.ts";
import type { PackageRow } from "./package-rows.ts";
import { type TrackedRow, type TrackedRows, trackedId } from "./tracked-rows.ts";
import type { ReferenceRowAction, ReferenceRowChange } from "./types.ts";

/** What an import does with one row of a file, and what it knows about the row. */
export interface RowDecision {
  readonly row: PackageRow;
  readonly action: ReferenceRowAction;
  /** the fields whose stored value differs from the package's (existing rows) */
  readonly fields?: readonly string[];
  readonly current?: CurrentRow;
  readonly tracked?: TrackedRow;
}

/**
 * Decides each row of a file by its policy (see ReferenceRowAction). A row counts as changed
 * locally when no package is known to have written it, or when its values are not the ones the
 * package last wrote (their checksum differs from the tracked one). Pure: the same inputs give
 * the same decisions in the preview and in the import.
 */
export function decideRows(
  file: OrderedDataFile,
  rows: readonly PackageRow[],
  current: ReadonlyMap<string, CurrentRow>,
  tracked: TrackedRows,
): RowDecision[] {
  const { policy, entity } = file.def;
  return rows.map((row): RowDecision => {
    const found = current.get(row.key);
    const known = tracked.get(trackedId(entity, row.key));
    const base = { row, ...(known && { tracked: known }) };
    if (!found)
      // `never` writes a row once: one the package wrote and the environment deleted stays deleted
      return { ...base, action: policy === "never" && known ? "keep-local" : "create" };
    const fields = Object.keys(row.values).filter(
      (name) => canonicalJson(found.values[name]) !== canonicalJson(row.values[name]),
    );
    const existing = { ...base, current: found };
    if (fields.length === 0) return { ...existing, action: "unchanged" };
    if (policy !== "always") return { ...existing, action: "keep-local", fields };
    const stored = Object.fromEntries(
      Object.keys(row.values)
        .filter((name) => found.values[name] !== undefined)
        .map((name) => [name, found.values[name]]),
    );
    const local = !known || known.valuesHash !== checksum(stored);
    return { ...existing, action: local ? "overwrite-local" : "update", fields };
  });
}

/** The row changes of decisions, as the preview and the import report them. */
export function rowChanges(decisions: readonly RowDecision[]): ReferenceRowChange[] {
  return decisions.map(({ row, action, fields }) => ({
    key: row.key,
    action,
    ...(fields && { fields }),
  }));
}
