import { type Layer, SYSTEM_SCHEMA } from "@loom/engine";
import type { Knex } from "knex";

const S = `"${SYSTEM_SCHEMA}"`;

export type Files = Record<string, string>;

/** A draft as stored in `loom_sys.designer_drafts`. */
export interface StoredDraft {
  readonly package: string;
  readonly layer: Layer;
  /** the package's files when the draft started; null when the draft creates the package */
  readonly baseFiles: Files | null;
  readonly files: Files;
  /** the revision served when the draft started (null: none yet) */
  readonly basedOn: number | null;
  readonly version: number;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

/** The stored draft, if any (at most one: the designer edits one package at a time). */
export async function storedDraft(conn: Knex): Promise<StoredDraft | null> {
  const row = (
    await conn.raw(
      `SELECT "package", "layer", "base_files", "files", "based_on", "version", "updated_at", "updated_by"
       FROM ${S}."designer_drafts" ORDER BY "updated_at" DESC LIMIT 1`,
    )
  ).rows[0];
  if (!row) return null;
  return {
    package: row.package,
    layer: row.layer,
    baseFiles: row.base_files,
    files: row.files,
    basedOn: row.based_on === null ? null : Number(row.based_on),
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/**
 * Stores `files` as the draft's next version if it is still at `expected` (0: no draft stored
 * yet, so this one starts it from `start`). Returns the new version, or null when someone else
 * saved in between.
 */
export async function saveDraft(
  conn: Knex,
  draft: {
    package: string;
    layer: Layer;
    baseFiles: Files | null;
    basedOn: number | null;
    files: Files;
    expected: number;
    actor: string;
  },
): Promise<number | null> {
  const files = JSON.stringify(draft.files);
  const row =
    draft.expected === 0
      ? (
          await conn.raw(
            `INSERT INTO ${S}."designer_drafts"
               ("package", "layer", "base_files", "files", "based_on", "version", "updated_by")
             VALUES (?, ?, ?::jsonb, ?::jsonb, ?, 1, ?)
             ON CONFLICT ("package") DO NOTHING RETURNING "version"`,
            [
              draft.package,
              draft.layer,
              draft.baseFiles === null ? null : JSON.stringify(draft.baseFiles),
              files,
              draft.basedOn,
              draft.actor,
            ],
          )
        ).rows[0]
      : (
          await conn.raw(
            `UPDATE ${S}."designer_drafts"
             SET "files" = ?::jsonb, "version" = "version" + 1, "updated_at" = now(), "updated_by" = ?
             WHERE "package" = ? AND "version" = ? RETURNING "version"`,
            [files, draft.actor, draft.package, draft.expected],
          )
        ).rows[0];
  return row ? row.version : null;
}

/** Drops the draft of `pkg` if it is at `expected` (any version when undefined); true if dropped. */
export async function dropDraft(conn: Knex, pkg: string, expected?: number): Promise<boolean> {
  const result = await conn.raw(
    `DELETE FROM ${S}."designer_drafts" WHERE "package" = ?${expected === undefined ? "" : ` AND "version" = ?`}`,
    expected === undefined ? [pkg] : [pkg, expected],
  );
  return (result.rowCount ?? 0) > 0;
}
