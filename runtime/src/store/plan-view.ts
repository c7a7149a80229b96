import type { MigrationPlan, MigrationStep } from "@loom/engine";

/** What a reviewer reads of each step; row checks come separately, counted. */
export interface PlanView {
  steps: Array<Pick<MigrationStep, "kind" | "description" | "safety" | "sql">>;
  dataLosing: boolean;
}

export function planView(plan: MigrationPlan): PlanView {
  return {
    steps: plan.steps.map(({ kind, description, safety, sql }) => ({
      kind,
      description,
      safety,
      sql,
    })),
    dataLosing: plan.dataLosing,
  };
}
