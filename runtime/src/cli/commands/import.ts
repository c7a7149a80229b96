import { readFile } from "node:fs/promises";
import { type Command, Option } from "commander";
import type { Logger } from "pino";
import type { Database } from "../../db/database.ts";
import { type ImportResult, importPackages } from "../../packages/import-packages.ts";
import type { ImportRequest } from "../../packages/import-preview.ts";
import { prepareImport } from "../../packages/import-preview.ts";
import { loadImportInputs } from "../../packages/load-inputs.ts";
import { parseProfile } from "../../packages/profile.ts";
import type { ApplyOptions } from "../../store/apply-packages.ts";
import { formatImportPreview } from "../format-import.ts";
import { stepProgress } from "../step-progress.ts";
import { cliActor, type GlobalOptions, withDatabase } from "../with-database.ts";

/** What `import` and `rollback` share: preview or apply a request, with progress and a summary. */
export interface ChangeFlags {
  dryRun?: boolean;
  plan?: string;
  allowDataLoss?: boolean;
  onConversionFailure?: ApplyOptions["onConversionFailure"];
  json?: boolean;
  note?: string;
}

export function importCommand(program: Command, logger: Logger): void {
  withChangeOptions(
    program
      .command("import")
      .description(
        "preview or apply configuration packages (zip archives or folders) in one transaction",
      )
      .argument(
        "<packages...>",
        "package .zip files or folders (a folder or zip may hold several packages, one per subfolder)",
      )
      .option(
        "--profile <file>",
        'this environment\'s parameter values: { "parameters": { "<name>": <value> | { "env": "<VARIABLE>" } } }',
      ),
  )
    .addHelpText(
      "after",
      `
--dry-run prints what would change: packages and their components (+ added, ~ changed, - removed),
the migration with data-losing steps flagged, reference data, parameters, conflicts with installed
packages (each with how to resolve it) and a plan id. --plan <id> then applies exactly that plan and
refuses if the target or the packages changed since. Columns an import drops are retired (kept,
hidden) so \`loom rollback\` restores them; \`loom purge\` destroys them.
Exit codes: 0 done (or nothing to do), 1 invalid input or failure, 2 refused (conflicts, missing
parameter values, stale plan, data loss without consent).

Examples:
  $ loom import acme-custom-1.2.0.zip --dry-run --profile prod.json
  $ loom import acme-custom-1.2.0.zip --profile prod.json --plan 3f9a1c2b7d4e5f60
  $ loom import manufacturing-2.0.0.zip acme-custom-1.3.0.zip --dry-run
  $ loom import ./packages/acme-custom --json --dry-run`,
    )
    .action(
      async (inputs: string[], flags: ChangeFlags & { profile?: string }, command: Command) => {
        const globals = command.optsWithGlobals<GlobalOptions>();
        const packages = await loadImportInputs(inputs);
        const parameters = flags.profile
          ? parseProfile(await readFile(flags.profile, "utf8"), process.env)
          : {};
        await withDatabase(globals, logger, (db) =>
          runChange(db, { packages, parameters }, flags, `loom import ${inputs.join(" ")}`),
        );
      },
    );
}

/** The options `import` and `rollback` share. */
export function withChangeOptions(command: Command): Command {
  return command
    .option("--dry-run", "print the preview and its plan id; change nothing")
    .option(
      "--plan <id>",
      "apply exactly the plan a --dry-run printed; refuse if anything changed since",
    )
    .option("--allow-data-loss", "without --plan: run data-losing steps (dropping tables)")
    .addOption(
      new Option(
        "--on-conversion-failure <mode>",
        "rows a type conversion cannot carry over: store NULL, or keep the old values aside",
      ).choices(["null", "keep"]),
    )
    .option("--note <text>", "a note stored with the revision")
    .option("--json", "print the preview (and the result) as JSON");
}

/** Previews (--dry-run) or applies the request; prints the preview or a one-line result. */
export async function runChange(
  db: Database,
  request: ImportRequest,
  flags: ChangeFlags,
  command: string,
): Promise<void> {
  if (flags.dryRun) {
    const { preview } = await prepareImport(db, request);
    if (flags.json) console.log(JSON.stringify(preview, null, 2));
    else for (const line of formatImportPreview(preview, command)) console.log(line);
    if (preview.blocked) process.exitCode = 2;
    return;
  }
  const progress = stepProgress();
  let completed = false;
  let result: ImportResult;
  try {
    result = await importPackages(db, request, {
      ...(flags.plan !== undefined && { planId: flags.plan }),
      allowDataLoss: flags.allowDataLoss === true,
      ...(flags.onConversionFailure && { onConversionFailure: flags.onConversionFailure }),
      ...(flags.note !== undefined && { note: flags.note }),
      actor: cliActor(),
      beforeStep: progress.beforeStep,
    });
    completed = true;
  } finally {
    progress.finish(completed);
  }
  if (flags.json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  console.log(resultLine(result));
}

function resultLine(result: ImportResult): string {
  const packages = result.preview.packages
    .filter((pkg) => pkg.change !== "unchanged")
    .map((pkg) => `${pkg.name} ${pkg.to ?? "(removed)"}`)
    .join(", ");
  switch (result.status) {
    case "unchanged":
      return "nothing to do: these packages are installed exactly so";
    case "parameters-set":
      return `parameter values stored: ${result.preview.parameters.given.join(", ")}`;
    case "applied": {
      const steps = result.preview.plan?.steps.length ?? 0;
      return `applied revision ${result.revision.id}: ${packages}; ${steps} step${steps === 1 ? "" : "s"}`;
    }
  }
}
