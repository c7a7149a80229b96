import { randomBytes } from "node:crypto";
import { SYSTEM_SCHEMA } from "@loom/engine";
import type { Knex } from "knex";
import { HttpError } from "../server/http-error.ts";
import type { PackageFolder } from "./archive/index.ts";

const S = `"${SYSTEM_SCHEMA}"`;
/** An upload nobody applied is dropped after this long: it was a look, not a plan kept for later. */
const KEPT_FOR = "1 day";

/** Keeps uploaded packages (never parameter values) for a later apply; returns the upload's id. */
export async function saveUpload(
  conn: Knex,
  folders: readonly PackageFolder[],
  actor: string,
): Promise<string> {
  await conn.raw(
    `DELETE FROM ${S}."package_uploads" WHERE "created_at" < now() - interval '${KEPT_FOR}'`,
  );
  const id = randomBytes(12).toString("hex");
  await conn.raw(
    `INSERT INTO ${S}."package_uploads" ("id", "packages", "created_by") VALUES (?, ?::jsonb, ?)`,
    [id, JSON.stringify(folders), actor],
  );
  return id;
}

export async function readUpload(conn: Knex, id: string): Promise<PackageFolder[]> {
  const row = (await conn.raw(`SELECT "packages" FROM ${S}."package_uploads" WHERE "id" = ?`, [id]))
    .rows[0] as { packages: PackageFolder[] } | undefined;
  if (!row)
    throw new HttpError(
      404,
      "upload-not-found",
      "there is no such upload (uploads are kept for a day): upload the packages again",
    );
  return row.packages;
}

export async function dropUpload(conn: Knex, id: string): Promise<void> {
  await conn.raw(`DELETE FROM ${S}."package_uploads" WHERE "id" = ?`, [id]);
}
