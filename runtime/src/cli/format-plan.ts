import type { PlanResult } from "../store/plan-packages.ts";
import type { RowCheckResult } from "../store/row-checks.ts";

/** `loom plan` output: one numbered line per step, its row check under it, then a summary. */
export function formatPlan(result: PlanResult): string[] {
  const from = result.current ? `revision ${result.current.id}` : "an empty database";
  if (result.unchanged) {
    return [`already applied: ${from} has exactly this model; nothing to do`];
  }
  const checks = new Map(result.checks.map((check) => [check.stepNo, check]));
  const lines = [
    `plan from ${from} to model ${result.checksum.slice(0, 12)} (${packageList(result)})`,
  ];
  for (const [index, step] of result.plan.steps.entries()) {
    const flag = step.safety === "data-losing" ? " [DATA LOSS]" : "";
    lines.push(`  ${index + 1}. ${step.description}${flag}`);
    const check = checks.get(index + 1);
    if (check) lines.push(`       check: ${formatCheck(check)}`);
  }
  lines.push(summary(result));
  return lines;
}

export function packageList(result: Pick<PlanResult, "model">): string {
  return result.model.packages.map((pkg) => `${pkg.name} ${pkg.version}`).join(", ");
}

export function formatCheck(check: RowCheckResult): string {
  if (check.count === 0) return `${check.description}: none`;
  const sample = check.sample.map((row) => `id ${String(row.id)}: ${JSON.stringify(row.value)}`);
  return `${check.description}: ${check.count} row${check.count === 1 ? "" : "s"}, e.g. ${sample.join(", ")}`;
}

function summary(result: PlanResult): string {
  const { steps } = result.plan;
  const losing = steps.filter((step) => step.safety === "data-losing").length;
  const flagged = result.checks.filter((check) => check.count > 0);
  const convertible = flagged.filter((check) => steps[check.stepNo - 1]?.check?.keepSql).length;
  const blocking = flagged.length - convertible;
  const notes = [
    losing > 0 && `${losing} data-losing (apply needs --allow-data-loss)`,
    convertible > 0 &&
      `${convertible} with rows that will not convert (apply needs --on-conversion-failure null|keep)`,
    blocking > 0 && `${blocking} that existing rows block (fix them first)`,
  ].filter((note): note is string => typeof note === "string");
  const count = `${steps.length} step${steps.length === 1 ? "" : "s"}`;
  return notes.length > 0 ? `${count}: ${notes.join("; ")}` : `${count}, all safe`;
}
