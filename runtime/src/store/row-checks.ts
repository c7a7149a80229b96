import { type Issue, LoomError, type MigrationPlan } from "@loom/engine";
import type { Knex } from "knex";
import { escapePlaceholders } from "./sql-script.ts";

export interface RowCheckResult {
  /** 1-based number of the step in its plan */
  stepNo: number;
  /** the step's description */
  step: string;
  /** what a flagged row means */
  description: string;
  /** rows the step cannot carry over as they are */
  count: number;
  /** up to ten of them (empty when count is 0) */
  sample: Array<{ id: unknown; value: unknown }>;
}

/**
 * Counts and samples the rows each step's check flags. Checks describe the database as it is before
 * the plan runs, so they all run first, before any step.
 */
export async function runRowChecks(conn: Knex, plan: MigrationPlan): Promise<RowCheckResult[]> {
  const results: RowCheckResult[] = [];
  for (const [index, step] of plan.steps.entries()) {
    if (!step.check) continue;
    const counted = await conn.raw(escapePlaceholders(step.check.countSql));
    const count = Number(counted.rows[0].n);
    const sample = count > 0 ? (await conn.raw(escapePlaceholders(step.check.sampleSql))).rows : [];
    results.push({
      stepNo: index + 1,
      step: step.description,
      description: step.check.description,
      count,
      sample: sample.map((row: { id: unknown; value: unknown }) => ({
        id: row.id,
        value: row.value,
      })),
    });
  }
  return results;
}

/** One line per flagged check: how many rows, and which. */
export function describeFlaggedRows(results: readonly RowCheckResult[]): Issue[] {
  return results
    .filter((result) => result.count > 0)
    .map((result) => ({
      code: "rows-not-convertible",
      message: `step ${result.stepNo} (${result.step}): ${result.count} row${result.count === 1 ? "" : "s"}: ${result.description}; e.g. ${result.sample
        .map((row) => `id ${String(row.id)}: ${JSON.stringify(row.value)}`)
        .join(", ")}`,
    }));
}

/** Conversions that would not carry over some rows: the user may choose to null or keep them. */
export function conversionRefused(flagged: readonly RowCheckResult[]): LoomError {
  return new LoomError(
    "conversion-refused",
    `${stepCount(flagged)} would not convert some existing rows`,
    describeFlaggedRows(flagged),
  );
}

/** Rows a step cannot take at all (empty values for a new NOT NULL, duplicates for a new unique index). */
export function rowsRefused(flagged: readonly RowCheckResult[]): LoomError {
  return new LoomError(
    "rows-refused",
    `${stepCount(flagged)} cannot run on the existing rows`,
    describeFlaggedRows(flagged),
  );
}

function stepCount(flagged: readonly RowCheckResult[]): string {
  return `${flagged.length} step${flagged.length === 1 ? "" : "s"}`;
}
