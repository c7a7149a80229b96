import {
  type AppModel,
  type LoadedPackage,
  type OrderedDataFile,
  physicalSchema,
  rowKey,
} from "@loom/engine";
import type { Knex } from "knex";
import { currentRows } from "./current-rows.ts";
import { dataScope } from "./data-scope.ts";
import { decideRows, type RowDecision, rowChanges } from "./decide-rows.ts";
import { packageRows } from "./package-rows.ts";
import { readTrackedRows, type TrackedRow } from "./tracked-rows.ts";
import type { ReferenceDataChange, ReferenceRowChange } from "./types.ts";

export interface FileDecisions {
  readonly file: OrderedDataFile;
  readonly decisions: readonly RowDecision[];
}

/** Everything an import would do with reference data, decided before anything is written. */
export interface DataDecisions {
  /** the imported packages' data files in write order, each row decided */
  readonly files: readonly FileDecisions[];
  /** tracked rows the imported packages no longer have: left in place, no longer tracked */
  readonly removed: readonly TrackedRow[];
  readonly changes: ReferenceDataChange[];
  /** entity → the key its data files find rows by */
  readonly keys: ReadonlyMap<string, readonly string[]>;
}

/**
 * Reads the imported packages' data, the stored rows they name (tables as `current` has them)
 * and the tracked rows, and decides every row. The changes come in write order (files whose
 * rows others link to first), rows in file order, rows no longer in a package by key, then the
 * rows of data files a package dropped: the same order for the same state, since the plan id
 * hashes it.
 */
export async function decideData(
  conn: Knex,
  model: AppModel,
  current: AppModel | null,
  packages: readonly LoadedPackage[],
): Promise<DataDecisions> {
  const scope = await dataScope(conn, model, packages);
  const tracked = await readTrackedRows(
    conn,
    [...new Set(scope.files.map((file) => file.def.entity))],
    [...scope.imported],
  );
  if (scope.files.length === 0 && tracked.size === 0)
    return { files: [], removed: [], changes: [], keys: scope.plan.keys };

  const physical = physicalSchema(model);
  const currentPhysical = current && physicalSchema(current);
  const files: FileDecisions[] = [];
  for (const file of scope.files) {
    const rows = await packageRows(conn, file, model, physical, scope.plan.keys);
    const stored = await currentRows(conn, file, model, current, currentPhysical, scope.plan.keys);
    files.push({ file, decisions: decideRows(file, rows, stored, tracked) });
  }

  // a row another file now brings is that file's: not removed
  const brought = new Set(
    scope.plan.files.flatMap((file) =>
      file.def.rows.map((row) => `${file.def.entity}\u0000${rowKey(file.def.key, row)}`),
    ),
  );
  const removed = [...tracked.values()].filter(
    (row) =>
      scope.imported.has(row.package) &&
      model.entities[row.entity] !== undefined &&
      !brought.has(`${row.entity}\u0000${row.key}`),
  );
  return { files, removed, changes: changesOf(files, removed, model), keys: scope.plan.keys };
}

function changesOf(
  files: readonly FileDecisions[],
  removed: readonly TrackedRow[],
  model: AppModel,
): ReferenceDataChange[] {
  const left = new Map<string, TrackedRow[]>();
  for (const row of removed) {
    const group = `${row.package}\u0000${row.entity}`;
    left.set(group, [...(left.get(group) ?? []), row]);
  }
  const takeLeft = (pkg: string, entity: string): ReferenceRowChange[] => {
    const group = `${pkg}\u0000${entity}`;
    const rows = left.get(group) ?? [];
    left.delete(group);
    return rows
      .map((row) => ({ key: row.key, action: "left-in-place" as const }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  };
  const changes = files.map(({ file, decisions }) =>
    change(file.package, file.file, file.def.entity, file.def.policy, [
      ...rowChanges(decisions),
      ...takeLeft(file.package, file.def.entity),
    ]),
  );
  const order = new Map(model.packages.map((pkg, i) => [pkg.name, i]));
  const dropped = [...left.values()]
    .map((rows) => ({ pkg: rows[0]!.package, entity: rows[0]!.entity }))
    .sort(
      (a, b) =>
        (order.get(a.pkg) ?? 0) - (order.get(b.pkg) ?? 0) ||
        (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0),
    );
  for (const { pkg, entity } of dropped)
    changes.push(change(pkg, null, entity, null, takeLeft(pkg, entity)));
  return changes;
}

function change(
  pkg: string,
  file: string | null,
  entity: string,
  policy: ReferenceDataChange["policy"],
  rows: readonly ReferenceRowChange[],
): ReferenceDataChange {
  const count = (action: ReferenceRowChange["action"]) =>
    rows.filter((row) => row.action === action).length;
  return {
    package: pkg,
    file,
    entity,
    policy,
    create: count("create"),
    update: count("update"),
    unchanged: count("unchanged"),
    keptLocal: count("keep-local"),
    overwriteLocal: count("overwrite-local"),
    removedFromPackage: count("left-in-place"),
    rows,
  };
}
