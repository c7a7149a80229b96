import type { Command } from "commander";
import type { Logger } from "pino";
import { rollbackRequest } from "../../packages/rollback-package.ts";
import { type GlobalOptions, withDatabase } from "../with-database.ts";
import { type ChangeFlags, runChange, withChangeOptions } from "./import.ts";

export function rollbackCommand(program: Command, logger: Logger): void {
  withChangeOptions(
    program
      .command("rollback")
      .description("return a package to the version installed before the current one")
      .argument("<package>", "the installed package's name"),
  )
    .addHelpText(
      "after",
      `
A rollback is an import of the earlier version, as a new revision, in one transaction: columns the
current version added are retired (kept, hidden), columns it had retired come back with their data.
A package that was not installed before is removed (refused while other packages depend on it).
Reference data rows and parameter values stay as they are.

Examples:
  $ loom rollback acme-custom --dry-run
  $ loom rollback acme-custom --plan 3f9a1c2b7d4e5f60`,
    )
    .action(async (name: string, flags: ChangeFlags, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      await withDatabase(globals, logger, async (db) =>
        runChange(db, await rollbackRequest(db, name), flags, `loom rollback ${name}`),
      );
    });
}
