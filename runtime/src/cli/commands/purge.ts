import { LoomError } from "@loom/engine";
import type { Command } from "commander";
import type { Logger } from "pino";
import { type PurgedColumn, purgeRetiredColumns } from "../../packages/purge-retired.ts";
import { cliActor, type GlobalOptions, withDatabase } from "../with-database.ts";

interface PurgeFlags {
  table?: string[];
  dryRun?: boolean;
  yes?: boolean;
}

export function purgeCommand(program: Command, logger: Logger): void {
  program
    .command("purge")
    .description(
      "destroy retired columns: the hidden columns that keep the values of fields an import removed",
    )
    .option(
      "--table <table>",
      "only the retired columns of this table (repeat for more)",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--dry-run", "list the retired columns and the values they hold; change nothing")
    .option("--yes", "drop them; without it, nothing is dropped")
    .addHelpText(
      "after",
      `
An import that removes a field keeps its column under a hidden name with its values, so rolling the
import back brings them back. Purging drops those columns for good: no rollback can restore them.
Lists each retired column (table, field, when and by which revision it was retired, rows holding a
value); only --yes drops them, all in one transaction.
Exit codes: 0 purged (or listed with --dry-run, or nothing retired), 1 invalid input or failure,
2 not purged: --yes was not given.

Examples:
  $ loom purge --dry-run
  $ loom purge --table customer --dry-run
  $ loom purge --table customer --table sales_order --yes
  $ loom --database-url postgres://loom@db/erp purge --yes`,
    )
    .action(async (flags: PurgeFlags, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const dryRun = flags.dryRun === true || flags.yes !== true;
      const columns = await withDatabase(globals, logger, (db) =>
        purgeRetiredColumns(db, {
          ...(flags.table && { tables: flags.table }),
          dryRun,
          actor: cliActor(),
          logger,
        }),
      );
      if (columns.length === 0) {
        console.log(`no retired columns${flags.table ? ` in ${flags.table.join(", ")}` : ""}`);
        return;
      }
      const verb = dryRun ? "would drop" : "dropped";
      const count = `${columns.length} retired column${columns.length === 1 ? "" : "s"}`;
      console.log(`${verb} ${count}:`);
      for (const line of formatRetired(columns)) console.log(`  ${line}`);
      if (flags.dryRun !== true && flags.yes !== true) {
        throw new LoomError(
          "purge-not-confirmed",
          `nothing was dropped: re-run with --yes to drop ${count} and their values for good`,
        );
      }
    });
}

/** Aligned columns: table.field, hidden name, when and by which revision, rows with values. */
export function formatRetired(columns: readonly PurgedColumn[]): string[] {
  const rows = columns.map((column) => [
    `${column.table}.${column.column}`,
    `as ${column.retiredAs}`,
    `retired ${column.retiredAt.toISOString().slice(0, 16).replace("T", " ")} UTC by revision ${column.revisionId}`,
    `${column.rowsWithValues} row${column.rowsWithValues === 1 ? "" : "s"} with values`,
  ]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd(),
  );
}
