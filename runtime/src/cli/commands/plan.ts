import type { Command } from "commander";
import type { Logger } from "pino";
import { planPackages } from "../../store/plan-packages.ts";
import { formatPlan } from "../format-plan.ts";
import { type GlobalOptions, withDatabase } from "../with-database.ts";

export function planCommand(program: Command, logger: Logger): void {
  program
    .command("plan")
    .description("show the migration that `loom apply` would run, without changing anything")
    .argument(
      "<dir...>",
      "package folders to install or upgrade; installed packages not named here stay as they are",
    )
    .addHelpText(
      "after",
      `
Lists the steps in order; data-losing ones are flagged [DATA LOSS]. For type conversions it counts,
now, the existing rows that would not convert, with a sample of their ids and values.

Examples:
  $ loom plan metadata-samples/manufacturing
  $ DATABASE_URL=postgres://loom@db/erp loom plan ./packages/acme-custom`,
    )
    .action(async (dirs: string[], _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const result = await withDatabase(globals, logger, (db) => planPackages(db, dirs));
      for (const line of formatPlan(result)) console.log(line);
    });
}
