import type { MigrationStep, RowCheck, StepKind, StepSafety } from "./types.ts";

export interface StepOptions {
  readonly field?: string | undefined;
  readonly safety?: StepSafety;
  readonly check?: RowCheck | undefined;
  readonly retire?: MigrationStep["retire"];
  readonly restore?: MigrationStep["restore"];
  readonly retiredTable?: MigrationStep["retiredTable"];
}

/** A step without undefined members, so a plan serializes and compares cleanly. */
export function step(
  kind: StepKind,
  entity: string,
  description: string,
  sql: readonly string[],
  options: StepOptions = {},
): MigrationStep {
  return {
    kind,
    entity,
    ...(options.field === undefined ? {} : { field: options.field }),
    description,
    safety: options.safety ?? "safe",
    sql,
    ...(options.check === undefined ? {} : { check: options.check }),
    ...(options.retire === undefined ? {} : { retire: options.retire }),
    ...(options.restore === undefined ? {} : { restore: options.restore }),
    ...(options.retiredTable === undefined ? {} : { retiredTable: options.retiredTable }),
  };
}
