import type { Knex } from "knex";
import { decideData } from "./decide-data.ts";
import { deleteTrackedRows, type TrackedRow, writeTrackedRows } from "./tracked-rows.ts";
import type { ApplyReferenceDataArgs, ReferenceDataChange } from "./types.ts";
import { writeRows } from "./write-rows.ts";

/**
 * Writes the imported packages' reference data inside the import's transaction, after its schema
 * steps (every table and column of `model` exists): decides every row as the preview does, writes
 * the rows to create or update through the data API's own pipeline, then records what each
 * package wrote (`loom_sys.reference_rows`) and forgets the rows a package no longer has (they
 * stay in their tables). Returns the changes the preview would have listed. A throw leaves
 * the rollback to the caller's transaction.
 */
export async function applyReferenceData(
  tx: Knex.Transaction,
  args: ApplyReferenceDataArgs,
): Promise<ReferenceDataChange[]> {
  const { model, packages } = args;
  const decided = await decideData(tx, model, model, packages);
  if (decided.changes.length === 0) return [];
  await writeRows(tx, model, decided.files, decided.keys, args.actor);
  const tracked: TrackedRow[] = [];
  for (const { file, decisions } of decided.files)
    for (const decision of decisions) {
      const { row, tracked: known } = decision;
      // a kept row keeps the hash of what the package last wrote; a row the package never wrote
      // gets the package's values, so it reads as changed locally while it differs from them
      const valuesHash = decision.action === "keep-local" && known ? known.valuesHash : row.hash;
      if (known?.package === file.package && known.valuesHash === valuesHash) continue;
      tracked.push({ entity: file.def.entity, key: row.key, package: file.package, valuesHash });
    }
  await writeTrackedRows(tx, tracked);
  await deleteTrackedRows(tx, decided.removed);
  return decided.changes;
}
