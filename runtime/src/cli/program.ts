import { Command } from "commander";
import type { Logger } from "pino";
import { applyCommand } from "./commands/apply.ts";
import { dataCommand } from "./commands/data.ts";
import { exportCommand } from "./commands/export.ts";
import { importCommand } from "./commands/import.ts";
import { paramsCommand } from "./commands/params.ts";
import { planCommand } from "./commands/plan.ts";
import { purgeCommand } from "./commands/purge.ts";
import { rollbackCommand } from "./commands/rollback.ts";
import { sampleDataCommand } from "./commands/sample-data.ts";
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
  $ loom export acme-custom --out acme-custom.zip
  $ loom import acme-custom.zip --dry-run --profile prod.json
  $ loom rollback acme-custom
  $ loom purge --dry-run
  $ loom data import customer customers.xlsx --as wang --dry-run
  $ loom user add wang --role sales_rep --attr department=domestic
  $ loom sample-data --orders 100000
  $ loom --database-url postgres://loom@localhost/erp apply metadata-samples/manufacturing`,
    );
  startCommand(program);
  validateCommand(program);
  planCommand(program, logger);
  applyCommand(program, logger);
  exportCommand(program, logger);
  importCommand(program, logger);
  rollbackCommand(program, logger);
  purgeCommand(program, logger);
  paramsCommand(program, logger);
  dataCommand(program, logger);
  userCommand(program, logger);
  sampleDataCommand(program, logger);
  return program;
}
