import { evaluate } from "@loom/engine";
import type { JsonRecord } from "../read-records.ts";
import { evaluationView, type Linked } from "./linked-records.ts";
import type { WritePlan } from "./write-plan.ts";

/**
 * Sets every computed field of the record, whatever the client sent: lines first (nested ones
 * before theirs), so `sum_lines` over a computed line field sees the computed values; within a
 * record in dependency order.
 */
export function applyComputed(
  plan: WritePlan,
  record: JsonRecord,
  linked: Linked,
  now: Date,
): void {
  for (const { field, child } of plan.tables) {
    for (const line of record[field] as JsonRecord[]) applyComputed(child, line, linked, now);
  }
  if (plan.computed.length === 0) return;
  const view = evaluationView(plan, record, linked);
  for (const { field, expr } of plan.computed) {
    const value = evaluate(expr, view, { now }) ?? null;
    record[field] = value;
    view[field] = value;
  }
}
