import type { Command } from "commander";
import type { Logger } from "pino";
import { type TransferProgress, transferProgress } from "../../data-transfer/transfer-progress.ts";
import { generateSampleData } from "../../sample-data/generate-sample-data.ts";
import { DEFAULT_ANCHOR, DEFAULT_SEED, sampleOptions } from "../../sample-data/sample-options.ts";
import { type GlobalOptions, withDatabase } from "../with-database.ts";

interface SampleFlags {
  orders: string;
  seed?: string;
  anchor?: string;
}

export function sampleDataCommand(program: Command, logger: Logger): void {
  program
    .command("sample-data")
    .description(
      "fill a database holding the manufacturing sample with a deterministic business history",
    )
    .requiredOption("--orders <n>", "sales orders to generate (10 lines each on average)")
    .option(
      "--seed <n>",
      `the random seed: the same seed gives the same rows (default ${DEFAULT_SEED})`,
    )
    .option(
      "--anchor <date>",
      `the last day of the two years the documents are dated in (default ${DEFAULT_ANCHOR}, fixed so every run matches)`,
    )
    .addHelpText(
      "after",
      `
Writes, in one transaction: customers (GC-…), suppliers (GS-…), items (GI-…) in the sample's item
categories and units, six warehouses (GW-…), the sales orders (SO-G…) with their lines, purchase
orders (PO-G…, one per five sales orders) with lines, stock moves (SM-G…, one per sales order),
and the approval history of sales_order_approval: instances, tasks and history for every order
that was submitted. Sales orders belong to the users rep1…rep6 (rep1–rep3 domestic, rep4–rep6
export); approvals go to manager1 (domestic), manager2 (export), cfo1, finance1 and legal1.
The sample must be applied first, and the database must not hold generated rows yet.
Exit codes: 0 generated, 1 invalid option, no sample installed, data already generated, or failure.

Examples:
  $ loom apply metadata-samples/manufacturing
  $ loom sample-data --orders 1000
  $ loom sample-data --orders 100000 --seed 7 --anchor 2026-12-31
  $ loom --database-url postgres://loom@db/erp sample-data --orders 100000`,
    )
    .action(async (flags: SampleFlags, command: Command) => {
      const options = sampleOptions(flags);
      const globals = command.optsWithGlobals<GlobalOptions>();
      let progress: TransferProgress | undefined;
      const started = performance.now();
      let counts: Record<string, number>;
      try {
        counts = await withDatabase(globals, logger, (db) =>
          generateSampleData(db, options, (done, total, step) => {
            progress ??= transferProgress("generating", total);
            progress.update(done, step);
          }),
        );
      } finally {
        progress?.stop();
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `generated sample data (seed ${options.seed}, dated up to ${options.anchor}) in ${seconds} s:`,
      );
      for (const [table, rows] of Object.entries(counts))
        console.log(`  ${table.padEnd(20)} ${rows.toLocaleString("en").padStart(10)}`);
    });
}
