import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import type { Logger } from "pino";
import { writePackageFolder, writePackageZip } from "../../packages/archive/index.ts";
import { exportFileName, exportPackages } from "../../packages/export-packages.ts";
import { type GlobalOptions, withDatabase } from "../with-database.ts";

export function exportCommand(program: Command, logger: Logger): void {
  program
    .command("export")
    .description("write installed packages as a .zip archive or a folder of JSON files")
    .argument("<packages...>", "names of installed packages")
    .option(
      "--out <file.zip|dir>",
      "where to write: a path ending in .zip gives an archive, anything else a folder (default: <name>-<version>.zip)",
    )
    .addHelpText(
      "after",
      `
Every file is written the same way each time (git-friendly) and the manifest lists a checksum of
each, so an import can tell a file changed after export. Parameter values are never exported.
Several packages go into one archive or folder, one subfolder each.

Examples:
  $ loom export acme-custom
  $ loom export acme-custom --out ./config/acme-custom
  $ loom export manufacturing acme-custom --out release-2026-11.zip`,
    )
    .action(async (names: string[], flags: { out?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const folders = await withDatabase(globals, logger, (db) => exportPackages(db, names));
      const out = flags.out ?? exportFileName(folders, new Date());
      if (out.endsWith(".zip")) await writeFile(out, await writePackageZip(folders));
      else await writePackageFolder(out, folders);
      const files = folders.reduce((sum, folder) => sum + Object.keys(folder.files).length, 0);
      console.log(
        `exported ${folders.map((f) => `${f.root} ${f.version}`).join(", ")} (${files} files) to ${out}`,
      );
    });
}
