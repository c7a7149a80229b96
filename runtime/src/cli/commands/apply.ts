import { type Command, Option } from "commander";
import type { Logger } from "pino";
import { type ApplyOptions, applyPackages } from "../../store/apply-packages.ts";
import { formatCheck } from "../format-plan.ts";
import { stepProgress } from "../step-progress.ts";
import { cliActor, type GlobalOptions, withDatabase } from "../with-database.ts";

interface ApplyFlags {
  allowDataLoss?: boolean;
  onConversionFailure?: ApplyOptions["onConversionFailure"];
  note?: string;
}

export function applyCommand(program: Command, logger: Logger): void {
  program
    .command("apply")
    .description(
      "install or upgrade packages: run the whole migration and record the new revision in one transaction",
    )
    .argument(
      "<dir...>",
      "package folders to install or upgrade; installed packages not named here stay as they are",
    )
    .option("--allow-data-loss", "run data-losing steps (dropping tables or columns)")
    .addOption(
      new Option(
        "--on-conversion-failure <mode>",
        "rows a type conversion cannot carry over: store NULL, or keep the old values in a retired column",
      ).choices(["null", "keep"]),
    )
    .option("--note <text>", "a note stored with the revision")
    .addHelpText(
      "after",
      `
Either everything is applied or nothing is. Applying the model that is already current does nothing.
Exit codes: 0 applied (or nothing to do), 1 invalid input or failure, 2 plan refused (data loss
without --allow-data-loss, rows that will not convert without --on-conversion-failure).

Examples:
  $ loom apply metadata-samples/manufacturing
  $ loom apply metadata-samples/manufacturing metadata-samples/manufacturing-custom
  $ loom apply ./packages/acme-custom --allow-data-loss --note "drop legacy fields"
  $ loom --data-dir /var/lib/loom apply ./packages/acme-custom --on-conversion-failure keep`,
    )
    .action(async (dirs: string[], flags: ApplyFlags, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const progress = stepProgress();
      let completed = false;
      const result = await withDatabase(globals, logger, async (db) => {
        try {
          const applied = await applyPackages(db, dirs, {
            allowDataLoss: flags.allowDataLoss === true,
            onConversionFailure: flags.onConversionFailure,
            actor: cliActor(),
            note: flags.note,
            beforeStep: progress.beforeStep,
          });
          completed = true;
          return applied;
        } finally {
          progress.finish(completed);
        }
      });
      if (result.status === "unchanged") {
        console.log(
          `already applied: revision ${result.revision.id} has exactly this model; nothing to do`,
        );
        return;
      }
      const steps = result.plan.steps.length;
      console.log(`applied revision ${result.revision.id}: ${steps} step${steps === 1 ? "" : "s"}`);
      for (const check of result.checks.filter((c) => c.count > 0)) {
        console.log(`  step ${check.stepNo}, ${flags.onConversionFailure}: ${formatCheck(check)}`);
      }
    });
}
