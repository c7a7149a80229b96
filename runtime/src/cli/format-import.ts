import { formatIssue } from "@loom/engine";
import type { ImportPreview } from "../packages/import-preview.ts";
import { formatCheck } from "./format-plan.ts";

/**
 * `loom import --dry-run` output: packages with their components, the migration (data-losing steps
 * flagged), reference data, parameters, conflicts and problems, then the plan id and what to run.
 */
export function formatImportPreview(preview: ImportPreview, command: string): string[] {
  const from =
    preview.currentRevision === null ? "an empty database" : `revision ${preview.currentRevision}`;
  const lines = [`import preview against ${from}`, "", "packages:"];
  for (const pkg of preview.packages) {
    const versions =
      pkg.change === "install"
        ? `install ${pkg.to}`
        : pkg.change === "remove"
          ? `remove ${pkg.from}`
          : `${pkg.change} ${pkg.from} → ${pkg.to}`;
    lines.push(`  ${pkg.name} (${pkg.layer}): ${versions}`);
    for (const file of pkg.files) lines.push(`    ${SIGN[file.change]} ${file.file}`);
  }

  if (preview.plan) {
    const checks = new Map(preview.checks.map((check) => [check.stepNo, check]));
    lines.push("", `migration: ${count(preview.plan.steps.length, "step")}`);
    preview.plan.steps.forEach((step, index) => {
      const flag = step.safety === "data-losing" ? " [DATA LOSS]" : "";
      lines.push(`  ${index + 1}. ${step.description}${flag}`);
      const check = checks.get(index + 1);
      if (check && check.count > 0) lines.push(`       check: ${formatCheck(check)}`);
    });
  }

  if (preview.referenceData.length > 0) {
    lines.push("", "reference data:");
    for (const file of preview.referenceData) {
      const counts = [
        file.create > 0 && `${file.create} to create`,
        file.update > 0 && `${file.update} to update`,
        file.overwriteLocal > 0 &&
          `${file.overwriteLocal} changed here, overwritten (policy always)`,
        file.keptLocal > 0 && `${file.keptLocal} changed here, kept`,
        file.removedFromPackage > 0 &&
          `${file.removedFromPackage} no longer in the package, left in place`,
        file.unchanged > 0 && `${file.unchanged} unchanged`,
      ].filter(Boolean);
      lines.push(
        `  ${file.package}/${file.file} → ${file.entity} [${file.policy}]: ${counts.join(", ") || "nothing"}`,
      );
    }
  }

  const { statuses, missing, given } = preview.parameters;
  if (statuses.length > 0) {
    lines.push("", "parameters:");
    for (const status of statuses) {
      const value =
        status.source === "missing"
          ? "MISSING: supply it in the profile"
          : `${JSON.stringify(status.value)}${status.source === "default" ? " (default)" : ""}${given.includes(status.name) ? " (from the profile)" : ""}`;
      lines.push(`  ${status.name}${status.secret ? " [secret]" : ""} (${status.type}): ${value}`);
    }
  }

  if (preview.conflicts.length > 0) {
    lines.push("", `conflicts with installed packages (${preview.conflicts.length}):`);
    for (const conflict of preview.conflicts) {
      lines.push(`  ${formatIssue(conflict)}`, `    resolve: ${conflict.resolution}`);
    }
  }
  if (preview.problems.length > 0) {
    lines.push("", `problems (${preview.problems.length}):`);
    for (const problem of preview.problems) lines.push(`  ${formatIssue(problem)}`);
  }

  lines.push("");
  if (preview.unchanged) {
    lines.push("nothing to do: these packages are installed exactly so");
  } else if (preview.blocked) {
    const blocking = [
      preview.conflicts.length > 0 && count(preview.conflicts.length, "conflict"),
      preview.problems.length > 0 && count(preview.problems.length, "problem"),
      missing.length > 0 && count(missing.length, "missing parameter value"),
    ].filter(Boolean);
    lines.push(`cannot be applied: ${blocking.join(", ")}; resolve them and preview again`);
  } else {
    lines.push(
      `plan ${preview.planId}`,
      `apply exactly this plan: ${command} --plan ${preview.planId}`,
    );
  }
  return lines;
}

const SIGN = { added: "+", changed: "~", removed: "-" } as const;

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
