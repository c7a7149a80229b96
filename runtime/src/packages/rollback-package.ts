import {
  diffPackageFiles,
  type LoadedPackage,
  LoomError,
  parsePackage,
  SYSTEM_SCHEMA,
} from "@loom/engine";
import type { Knex } from "knex";
import type { Database } from "../db/database.ts";
import { installedPackages, loadInstalled } from "../store/installed-packages.ts";
import { bootstrapSystemSchema } from "../store/system-schema.ts";
import type { ImportRequest } from "./import-preview.ts";

const S = `"${SYSTEM_SCHEMA}"`;
const PAGE = 50;

/**
 * The import that takes package `name` back to the version installed before the current one: the
 * newest revision whose files of it differ from the installed ones. When the package was not
 * installed then, the request is the whole installation without it (`exact`). Columns the current
 * version added are retired like any import's, and columns it dropped come back with their data.
 */
export async function rollbackRequest(db: Database, name: string): Promise<ImportRequest> {
  await bootstrapSystemSchema(db);
  return db.run(async (conn) => {
    const installed = await installedPackages(conn);
    const current = installed.find((pkg) => pkg.name === name);
    if (!current)
      throw new LoomError(
        "package-not-installed",
        `package ${name} is not installed (installed: ${installed.map((pkg) => pkg.name).join(", ") || "none"})`,
      );
    const previous = await previousFiles(conn, name, current.files);
    if (previous === undefined)
      throw new LoomError(
        "no-previous-version",
        `no earlier revision of package ${name} was kept, so there is nothing to roll back to`,
      );
    if (previous === null) {
      const others = installed.filter((pkg) => pkg.name !== name);
      return { packages: loadInstalled(others), exact: true };
    }
    return { packages: [loadStored(name, previous)] };
  });
}

/**
 * The package's files in the newest revision where they differ from `files` (null: it was not
 * installed there); undefined when no such revision was kept.
 */
async function previousFiles(
  conn: Knex,
  name: string,
  files: Record<string, string>,
): Promise<Record<string, string> | null | undefined> {
  let before = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const rows = (
      await conn.raw(
        `SELECT "id", "package_files" -> ? AS "files" FROM ${S}."revisions"
         WHERE "package_files" IS NOT NULL AND "id" < ? ORDER BY "id" DESC LIMIT ?`,
        [name, before, PAGE],
      )
    ).rows as { id: string; files: Record<string, string> | null }[];
    for (const row of rows) {
      if (row.files === null) return null;
      if (diffPackageFiles(files, row.files).length > 0) return row.files;
    }
    if (rows.length < PAGE) return undefined;
    before = Number(rows.at(-1)!.id);
  }
}

function loadStored(name: string, files: Record<string, string>): LoadedPackage {
  const { package: loaded, issues } = parsePackage(files);
  if (!loaded)
    throw new LoomError(
      "installed-package-invalid",
      `the earlier version of package ${name} no longer loads with this Loom`,
      issues,
    );
  return loaded;
}
