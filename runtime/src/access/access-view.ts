import { type AppModel, compilePermissions, type Permissions } from "@loom/engine";
import { compileReadPlans, type ReadPlans } from "../api/read-plan.ts";
import { restrictModel } from "./restrict-model.ts";

/** What one set of roles may see of a revision, compiled once per revision and role set. */
export interface AccessView {
  readonly permissions: Permissions;
  /** the model without the fields the roles may not read (see restrictModel) */
  readonly model: AppModel;
  /** the read plans of that model */
  readonly plans: ReadPlans;
}

/**
 * The views of a revision, made on first use: users share few role sets, so each is compiled
 * once (its plans and prepared statements included) and kept with the revision.
 */
export function accessViews(
  model: AppModel,
  fullPlans: ReadPlans,
): (roles: readonly string[]) => AccessView {
  const views = new Map<string, AccessView>();
  return (roles) => {
    const key = [...new Set(roles)].sort().join("\0");
    let view = views.get(key);
    if (!view) {
      const permissions = compilePermissions(model, roles);
      const restricted = restrictModel(model, permissions);
      view = {
        permissions,
        model: restricted,
        plans: restricted === model ? fullPlans : compileReadPlans(restricted),
      };
      views.set(key, view);
    }
    return view;
  };
}
