import type { AppModel } from "@loom/engine";
import { compileReadPlans } from "../../api/read-plan.ts";
import { compileWritePlans, type WritePlans } from "../../api/write/write-plan.ts";

/**
 * The data API's write plans for the entities reference data writes. Compiled for those entities
 * and every entity they reach through links and tables (what checking links and evaluating
 * rules reads), not the whole model: a plan costs ~10 ms, and a package of 200 entities would
 * wait for all of them to write a few units.
 */
export function dataWritePlans(model: AppModel, entities: Iterable<string>): WritePlans {
  const reached = new Set<string>();
  const stack = [...entities];
  while (stack.length > 0) {
    const name = stack.pop()!;
    const entity = model.entities[name];
    if (!entity || reached.has(name)) continue;
    reached.add(name);
    if (entity.parent) stack.push(entity.parent.entity);
    for (const field of entity.fields)
      if ((field.type === "link" || field.type === "table") && field.target !== undefined)
        stack.push(field.target);
  }
  const part: AppModel = {
    ...model,
    entities: Object.fromEntries(
      [...reached].sort().map((name) => [name, model.entities[name]!] as const),
    ),
  };
  return compileWritePlans(part, compileReadPlans(part));
}
