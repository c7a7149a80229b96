import { SYSTEM_SCHEMA } from "@loom/engine";

const S = `"${SYSTEM_SCHEMA}"`;

/**
 * The designer's tables: one entry of the system migrations (runtime/src/store/system-schema.ts).
 * - `revisions.package_files`: every installed package's files as a revision left them, so any
 *   later revision can show its diff and a rollback can re-apply exactly them (NULL for
 *   revisions applied before this entry: they cannot be rolled back to).
 * - `designer_drafts`: the draft of a package edited in the designer, one per package. `base_files`
 *   are the package's files when the draft started (NULL: a package the draft creates), so a
 *   publish can tell whether someone else changed the package meanwhile.
 */
export const DESIGNER_TABLES: readonly string[] = [
  `ALTER TABLE ${S}."revisions" ADD COLUMN "package_files" jsonb`,
  `CREATE TABLE ${S}."designer_drafts" (
    "package" text PRIMARY KEY,
    "layer" text NOT NULL,
    "base_files" jsonb,
    "files" jsonb NOT NULL,
    "based_on" bigint,
    "version" integer NOT NULL CHECK ("version" >= 1),
    "created_at" timestamptz NOT NULL DEFAULT now(),
    "updated_at" timestamptz NOT NULL DEFAULT now(),
    "updated_by" text NOT NULL
  )`,
];
