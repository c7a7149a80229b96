import { LoomError } from "../errors.ts";
import type { LoadedPackage } from "../metadata/types.ts";
import type { AppModel } from "../model/app-model.ts";
import { collectDataFiles } from "./data-files.ts";
import { dataOrder, type OrderedDataFile } from "./data-order.ts";

/** What the runtime needs to write the reference data of a compiled installation. */
export interface ReferenceDataPlan {
  /** every data file of the packages, in the order they are written (see `dataOrder`) */
  readonly files: readonly OrderedDataFile[];
  /** entity → the fields its rows are found by, as its data files declare them */
  readonly keys: ReadonlyMap<string, readonly string[]>;
}

/**
 * The reference data of `packages` (every package `model` was compiled from, in any order), in
 * write order. `compileApp` already refused anything wrong with it, so an issue here means the
 * packages are not the model's: a programming error, thrown.
 */
export function referenceDataPlan(
  packages: readonly LoadedPackage[],
  model: AppModel,
): ReferenceDataPlan {
  const collected = collectDataFiles(packages);
  const ordered = dataOrder(collected.files, model);
  const issues = [...collected.issues, ...ordered.issues];
  if (issues.length > 0)
    throw new LoomError(
      "invalid-reference-data",
      "the packages' reference data does not fit the model they were compiled into",
      issues,
    );
  const keys = new Map<string, readonly string[]>();
  for (const file of ordered.files)
    if (!keys.has(file.def.entity)) keys.set(file.def.entity, file.def.key);
  return { files: ordered.files, keys };
}
