import { formatIssue } from "@loom/engine";
import type { Command } from "commander";
import { validatePackages } from "../../store/load-packages.ts";

export function validateCommand(program: Command): void {
  program
    .command("validate")
    .description(
      "check package folders: JSON syntax, schemas, cross-references, layering (no database needed)",
    )
    .argument(
      "<dir...>",
      "package folders (each holds a loom-package.json); give a customization together with its base",
    )
    .addHelpText(
      "after",
      `
Prints every problem as file:line:column, the JSON pointer and a message; exits 1 if there is any.

Examples:
  $ loom validate metadata-samples/manufacturing
  $ loom validate metadata-samples/manufacturing metadata-samples/manufacturing-custom`,
    )
    .action(async (dirs: string[]) => {
      const { model, packages, issues } = await validatePackages(dirs);
      if (issues.length > 0 || !model) {
        for (const issue of issues) console.log(formatIssue(issue));
        console.log(`${issues.length} problem${issues.length === 1 ? "" : "s"} found`);
        process.exitCode = 1;
        return;
      }
      const entities = Object.values(model.entities);
      const fields = entities.reduce((sum, entity) => sum + entity.fields.length, 0);
      console.log(
        `ok: ${packages.length} package${packages.length === 1 ? "" : "s"} (${packages.map((p) => `${p.manifest.name} ${p.manifest.version}`).join(", ")}), ${entities.length} entities, ${fields} fields`,
      );
    });
}
