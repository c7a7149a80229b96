import type { MigrationPlan, MigrationStep } from "@loom/engine";
import cliProgress from "cli-progress";

export interface StepProgress {
  beforeStep(step: MigrationStep, index: number, plan: MigrationPlan): Promise<void>;
  /** `completed`: the plan ran to its end (not on a failure) */
  finish(completed: boolean): void;
}

/** A progress bar on a terminal; one plain line per step otherwise (CI logs, pipes). */
export function stepProgress(stream: NodeJS.WriteStream = process.stderr): StepProgress {
  if (!stream.isTTY) {
    return {
      async beforeStep(step, index, plan) {
        stream.write(`step ${index + 1}/${plan.steps.length}: ${step.description}\n`);
      },
      finish() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { stream, format: "applying [{bar}] {value}/{total} {step}", hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let total = 0;
  return {
    async beforeStep(step, index, plan) {
      if (index === 0) {
        total = plan.steps.length;
        bar.start(total, 0, { step: step.description });
      } else bar.update(index, { step: step.description });
    },
    finish(completed) {
      if (total === 0) return;
      if (completed) bar.update(total, { step: "done" });
      bar.stop();
    },
  };
}
