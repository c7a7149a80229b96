import type { Issue } from "../errors.ts";
import { issueAt } from "../layer/apply-layers.ts";
import type { Entity, PackageParameter } from "../model/app-model.ts";
import type { Role } from "../permissions/types.ts";
import { checkBinding } from "./check-binding.ts";
import { checkGraph } from "./check-graph.ts";
import type { WorkingWorkflow } from "./collect-workflows.ts";
import { compileWorkflow } from "./compile-workflow.ts";
import { lifecycleWorkflow, lifecycleWorkflowName } from "./lifecycle-workflow.ts";
import type { Workflow } from "./types.ts";

/** Every issue of every workflow (graph and model), against the compiled entities and roles. */
export function checkWorkflows(
  workflows: ReadonlyMap<string, WorkingWorkflow>,
  entities: Readonly<Record<string, Entity>>,
  roles: Readonly<Record<string, Role>>,
  parameters: Readonly<Record<string, PackageParameter>> = {},
): Issue[] {
  const issues: Issue[] = [];
  for (const { def, loc } of workflows.values())
    issues.push(
      ...checkGraph(def, loc),
      ...checkBinding(def, loc, { entities, roles, parameters }),
    );
  for (const entity of Object.values(entities)) {
    if (!entity.submittable || workflows.has(entity.name)) continue;
    const name = lifecycleWorkflowName(entity.name);
    for (const { def, loc } of workflows.values()) {
      if (def.name === name)
        issues.push(
          issueAt(
            { ...loc, pointer: "/name" },
            "duplicate-workflow-name",
            `"${name}" is the name of the built-in lifecycle of submittable entity "${entity.name}"; give this workflow another name`,
          ),
        );
    }
  }
  return issues;
}

/** Checked workflows, plus the built-in lifecycle of each submittable entity without one → by entity, alphabetical. */
export function compileWorkflows(
  workflows: ReadonlyMap<string, WorkingWorkflow>,
  entities: Readonly<Record<string, Entity>>,
): Record<string, Workflow> {
  const compiled: Record<string, Workflow> = {};
  for (const name of Object.keys(entities).sort()) {
    const entity = entities[name]!;
    const working = workflows.get(name);
    if (working)
      compiled[name] = compileWorkflow(working.def, entity, {
        package: working.loc.package,
        file: working.loc.file,
      });
    else if (entity.submittable)
      compiled[name] = compileWorkflow(lifecycleWorkflow(entity), entity, entity.origin);
  }
  return compiled;
}
