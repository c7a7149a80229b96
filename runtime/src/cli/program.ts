import { Command } from "commander";
import type { Logger } from "pino";
import { applyCommand } from "./commands/apply.ts";
import { planCommand } from "./commands/plan.ts";
import { startCommand } from "./commands/start.ts";
import { userCommand } from "./commands/user.ts";
import { validateCommand } from "./commands/validate.ts";

/** The `loom` command line; each command is a thin layer over the store functions. */
export function buildProgram(logger: Logger): Command {
  const program = new Command("loom")
    .description("Loom: a metadata-driven ERP engine")
    .option(
      "--database-url <url>",
      "PostgreSQL server to use (default: $DATABASE_URL; without either, the embedded database)",
    )
    .option(
      "--data-dir <dir>",
      "folder of the embedded database (default: $LOOM_DATA_DIR, else ./.loom/data)",
    )
    .showHelpAfterError()
    .addHelpText(
      "after",
      `
Logs go to stderr as JSON; set LOOM_LOG_LEVEL=info (or debug) for more.

Examples:
  $ loom start
  $ loom validate metadata-samples/manufacturing
  $ loom plan metadata-samples/manufacturing
  $ loom apply metadata-samples/manufacturing
  $ loom user add wang --role sales_rep --attr department=domestic
  $ loom --database-url postgres://loom@localhost/erp apply metadata-samples/manufacturing`,
    );
  startCommand(program);
  validateCommand(program);
  planCommand(program, logger);
  applyCommand(program, logger);
  userCommand(program, logger);
  return program;
}
