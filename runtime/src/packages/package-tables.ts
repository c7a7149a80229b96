import { SYSTEM_SCHEMA } from "@loom/engine";

const S = `"${SYSTEM_SCHEMA}"`;

/**
 * Configuration packages' tables: one entry of the system migrations (store/system-schema.ts).
 * - `parameter_values`: an environment's own value of each package parameter; written only from
 *   a profile or by IT, never by an upgrade of the package. Secrets are kept here too (the
 *   database is the one place that must hold them) and are never exported, logged or shown.
 * - `retired_columns`: columns an import or rollback dropped from the model, kept under a hidden
 *   name with their data until `loom purge`, so a rollback can restore them. `definition` is the
 *   physical column they were (type, nullability) so a restore can tell they still fit.
 * - `reference_rows`: per row of reference data a package installed (by entity and natural key),
 *   a hash of the values the package last wrote: a row that differs from it was changed locally.
 * - `package_uploads`: packages uploaded for a preview over HTTP, applied later by id without
 *   uploading them again.
 */
export const PACKAGE_TABLES: readonly string[] = [
  `CREATE TABLE ${S}."parameter_values" (
    "package" text NOT NULL,
    "name" text NOT NULL,
    "value" jsonb NOT NULL,
    "updated_at" timestamptz NOT NULL DEFAULT now(),
    "updated_by" text NOT NULL,
    PRIMARY KEY ("package", "name")
  )`,
  `CREATE TABLE ${S}."retired_columns" (
    "table_name" text NOT NULL,
    "retired_as" text NOT NULL,
    "column_name" text NOT NULL,
    "definition" jsonb NOT NULL,
    "revision_id" bigint NOT NULL REFERENCES ${S}."revisions" ("id"),
    "retired_at" timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY ("table_name", "retired_as")
  )`,
  `CREATE TABLE ${S}."reference_rows" (
    "entity" text NOT NULL,
    "key" text NOT NULL,
    "package" text NOT NULL,
    "values_hash" text NOT NULL,
    PRIMARY KEY ("entity", "key")
  )`,
  `CREATE TABLE ${S}."package_uploads" (
    "id" text PRIMARY KEY,
    "packages" jsonb NOT NULL,
    "created_by" text NOT NULL,
    "created_at" timestamptz NOT NULL DEFAULT now()
  )`,
];
