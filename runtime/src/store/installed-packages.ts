import {
  type Layer,
  type LoadedPackage,
  LoomError,
  type PackageManifest,
  parsePackage,
  SYSTEM_SCHEMA,
} from "@loom/engine";
import type { Knex } from "knex";

const S = `"${SYSTEM_SCHEMA}"`;

export interface InstalledPackage {
  name: string;
  version: string;
  layer: Layer;
  manifest: PackageManifest;
  /** the package's raw files (path → text), enough to recompile the app from the database */
  files: Record<string, string>;
  installedAt: Date;
  installedBy: string;
}

export async function installedPackages(conn: Knex): Promise<InstalledPackage[]> {
  const rows = (
    await conn.raw(
      `SELECT "name", "version", "layer", "manifest", "files", "installed_at", "installed_by"
       FROM ${S}."packages" ORDER BY "name"`,
    )
  ).rows;
  return rows.map(
    (row: Record<string, unknown>): InstalledPackage => ({
      name: row.name as string,
      version: row.version as string,
      layer: row.layer as Layer,
      manifest: row.manifest as PackageManifest,
      files: row.files as Record<string, string>,
      installedAt: row.installed_at as Date,
      installedBy: row.installed_by as string,
    }),
  );
}

/** Parses stored packages again; they were valid when written, so an issue means the engine changed. */
export function loadInstalled(packages: readonly InstalledPackage[]): LoadedPackage[] {
  return packages.map((installed) => {
    const { package: loaded, issues } = parsePackage(installed.files);
    if (!loaded) {
      throw new LoomError(
        "installed-package-invalid",
        `installed package ${installed.name}@${installed.version} no longer loads: re-apply a fixed version of it`,
        issues,
      );
    }
    return loaded;
  });
}

/** Inserts or replaces (by name) the given packages. */
export async function writePackages(
  conn: Knex,
  packages: readonly LoadedPackage[],
  actor: string,
): Promise<void> {
  for (const { manifest, files } of packages) {
    await conn.raw(
      `INSERT INTO ${S}."packages" ("name", "version", "layer", "manifest", "files", "installed_by")
       VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?)
       ON CONFLICT ("name") DO UPDATE SET
         "version" = excluded."version", "layer" = excluded."layer", "manifest" = excluded."manifest",
         "files" = excluded."files", "installed_at" = now(), "installed_by" = excluded."installed_by"`,
      [
        manifest.name,
        manifest.version,
        manifest.layer,
        JSON.stringify(manifest),
        JSON.stringify(files),
        actor,
      ],
    );
  }
}

/** Uninstalls every package but the given ones (their tables go with the plan that drops them). */
export async function removePackagesExcept(
  conn: Knex,
  kept: readonly LoadedPackage[],
): Promise<void> {
  const names = kept.map((pkg) => pkg.manifest.name);
  await conn.raw(`DELETE FROM ${S}."packages" WHERE NOT ("name" = ANY(?::text[]))`, [names]);
}
