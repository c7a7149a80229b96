import { SYSTEM_SCHEMA } from "@loom/engine";
import type { Knex } from "knex";

const TABLE = `"${SYSTEM_SCHEMA}"."reference_rows"`;

/** A row of reference data a package wrote: `loom_sys.reference_rows`. */
export interface TrackedRow {
  readonly entity: string;
  /** canonical JSON of the key values (engine `rowKey`) */
  readonly key: string;
  readonly package: string;
  /** checksum of the values the package last wrote, in package form (see package-rows.ts) */
  readonly valuesHash: string;
}

export type TrackedRows = ReadonlyMap<string, TrackedRow>;

export function trackedId(entity: string, key: string): string {
  return `${entity}\u0000${key}`;
}

/** The tracked rows of these entities and of these packages, by trackedId. */
export async function readTrackedRows(
  conn: Knex,
  entities: readonly string[],
  packages: readonly string[],
): Promise<TrackedRows> {
  const { rows } = await conn.raw(
    `SELECT "entity", "key", "package", "values_hash" FROM ${TABLE}
     WHERE "entity" = ANY(?::text[]) OR "package" = ANY(?::text[])
     ORDER BY "entity", "key"`,
    [[...entities], [...packages]],
  );
  return new Map(
    (rows as Array<Record<string, string>>).map((row) => [
      trackedId(row.entity!, row.key!),
      { entity: row.entity!, key: row.key!, package: row.package!, valuesHash: row.values_hash! },
    ]),
  );
}

/** Inserts or replaces (by entity and key) these rows: one statement. */
export async function writeTrackedRows(
  tx: Knex.Transaction,
  rows: readonly TrackedRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.raw(
    `INSERT INTO ${TABLE} ("entity", "key", "package", "values_hash")
     SELECT x."entity", x."key", x."package", x."valuesHash"
     FROM jsonb_to_recordset(?::jsonb) AS x("entity" text, "key" text, "package" text, "valuesHash" text)
     ON CONFLICT ("entity", "key") DO UPDATE
       SET "package" = excluded."package", "values_hash" = excluded."values_hash"`,
    [JSON.stringify(rows)],
  );
}

/** Forgets these rows: their package no longer has them. */
export async function deleteTrackedRows(
  tx: Knex.Transaction,
  rows: readonly Pick<TrackedRow, "entity" | "key">[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.raw(
    `DELETE FROM ${TABLE} t USING jsonb_to_recordset(?::jsonb) AS x("entity" text, "key" text)
     WHERE t."entity" = x."entity" AND t."key" = x."key"`,
    [JSON.stringify(rows.map(({ entity, key }) => ({ entity, key })))],
  );
}
