import { HttpError } from "../server/http-error.ts";
import type { ReadPlan, ReadPlans } from "./read-plan.ts";

/** The plan of an entity the API serves on its own; lines are reached through their document. */
export function addressablePlan(plans: ReadPlans, name: string): ReadPlan {
  const plan = plans.get(name);
  if (!plan || plan.entity.type === "child")
    throw new HttpError(404, "unknown-entity", `there is no entity "${name}"`);
  return plan;
}
