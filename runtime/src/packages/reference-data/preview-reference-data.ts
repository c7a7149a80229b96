import type { Knex } from "knex";
import { decideData } from "./decide-data.ts";
import type { PreviewReferenceDataArgs, ReferenceDataChange } from "./types.ts";

/**
 * What importing `packages` would do to reference data, row by row, written nowhere: the rows
 * each data file would create, update, leave unchanged, keep as the environment changed them or
 * overwrite, and the rows a package no longer has (left in place). Reads the tables as
 * `current` has them (a table the import creates does not exist yet: all its rows are created).
 */
export async function previewReferenceData(
  conn: Knex,
  args: PreviewReferenceDataArgs,
): Promise<ReferenceDataChange[]> {
  return (await decideData(conn, args.model, args.current, args.packages)).changes;
}
